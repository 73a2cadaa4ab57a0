using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>`calendar by FIELD { VALUE -> CALENDAR ... }`: which durations it measures, and what the binder refuses.</summary>
public sealed class CalendarChoiceBindingTests
{
    private const string Calendars = """
        policy "msp" version 1
        calendar amer "America/Chicago" { hours mon..fri 08:00-18:00 }
        calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 }
        fields { customer enum [acme, globex, initech] }
        owners { team desk "Desk" }

        """;

    private static SemanticModel Bind(string text) => SemanticModel.Create("msp.esc", Calendars + text);

    private static List<string> Errors(string text) =>
        [.. Bind(text).Diagnostics.Select(d => $"{d.Code} {d.Message}")];

    [Fact]
    public void DurationsThatNameNoCalendarAreChosenPerTicketAndOthersKeepTheirs()
    {
        var model = Bind("""
            calendar by customer {
                acme, initech -> amer
                default       -> emea
            }
            severity p3 {
                acknowledge within 4 business hours
                resolve     within 2 business days on amer
            }
            severity p4 {
                calendar emea
                acknowledge within 1 business day
            }
            """);

        model.Diagnostics.ShouldBeEmpty();
        var choice = model.Policy.CalendarChoice.ShouldNotBeNull();
        (choice.Field.Name, choice.Fallback.Name).ShouldBe(("customer", "emea"));
        choice.Resolve("initech").Name.ShouldBe("amer");
        choice.Resolve("globex").Name.ShouldBe("emea");
        choice.Resolve(null).Name.ShouldBe("emea");

        var p3 = model.Policy.Severities[0].Targets.Select(t => (BusinessDuration)t.Within).ToList();
        p3[0].ChosenBy.ShouldBe(choice);
        p3[0].Calendars.Select(c => c.Name).ShouldBe(["emea", "amer"]);
        p3[1].ChosenBy.ShouldBeNull("`on amer` names its calendar");
        ((BusinessDuration)model.Policy.Severities[1].Targets[0].Within).ChosenBy.ShouldBeNull("the severity names its calendar");
        ModelWriter.Write(model.Policy).ShouldContain("calendar by customer\n  acme, initech -> amer\n  other values -> emea\n");
        ModelFormatter.Format(p3[0]).ShouldBe("4 business hours (calendar by customer)");
        ModelFormatter.Format(p3[1]).ShouldBe("2 business days on amer");
    }

    [Fact]
    public void WithoutADefaultEntryTheMarkedDefaultCalendarTakesOtherValues()
    {
        var model = SemanticModel.Create("msp.esc", Calendars.Replace("calendar emea \"Europe/Amsterdam\"", "calendar emea \"Europe/Amsterdam\" default", StringComparison.Ordinal)
            + "calendar by customer { acme -> amer }\nseverity p3 { acknowledge within 4 business hours }\n");

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.CalendarChoice!.Fallback.Name.ShouldBe("emea");
    }

    [Fact]
    public void WithNoCalendarForOtherValuesTheBlockIsReportedOnceNotEachDuration() =>
        Errors("calendar by customer { acme -> amer globex -> emea }\nseverity p3 { acknowledge within 4 business hours\n resolve within 1 business day }")
            .ShouldBe(["ESC2040 `calendar by customer` has no `default` entry and no calendar is marked `default`, so a ticket whose customer has no entry (or no value) would have no calendar. Add `default -> CALENDAR` to the block."]);

    [Fact]
    public void ValuesAreCheckedAndListedOnceAndCalendarsMustExist() =>
        Errors("calendar by customer {\n acme -> amer\n acme, globe -> emea\n initech -> apac\n default -> emea\n default -> amer\n}\nseverity p3 { acknowledge within 15m }")
            .Select(e => e[..7]).ShouldBe(["ESC2015", "ESC2016", "ESC2005", "ESC2015"]);

    [Fact]
    public void ASecondBlockIsRefusedAdvisingAMergeOnlyOnTheSameField()
    {
        Errors("calendar by customer { default -> amer }\ncalendar by customer { default -> emea }\nseverity p3 { acknowledge within 15m }")
            .ShouldBe(["ESC2041 A second `calendar by` block (on 'customer'): the calendar of a ticket's business durations is chosen by one field, in the block on line 6. Merge the entries into that block."]);
        Errors("fields { region text }\ncalendar by customer { default -> amer }\ncalendar by region { default -> emea }\nseverity p3 { acknowledge within 15m }")
            .ShouldBe(["ESC2041 A second `calendar by` block (on 'region'): the calendar of a ticket's business durations is chosen by one field, in the block on line 7. "
                + "Keep one block, and name calendars in the rules and severities that need another (`calendar NAME`, or `on NAME` on a duration)."]);
    }

    [Theory]
    [InlineData("calendar by customer { acme => amer default -> emea }", "ESC1")]
    [InlineData("calendar by customer { acme -> \"amer\" default -> emea }", "ESC1")]
    [InlineData("calendar by customer { }", "ESC2040")]
    [InlineData("calendar by nosuchfield { default -> emea }", "ESC2006")]
    public void AMistakeInTheBlockIsOneErrorNotOnePerDurationItWouldMeasure(string block, string only)
    {
        var errors = Errors(block + "\nseverity p3 {\n acknowledge within 4 business hours\n resolve within 1 business day\n}\nseverity p4 { acknowledge within 8 business hours }");

        errors.ShouldHaveSingleItem().ShouldStartWith(only);
    }

    [Fact]
    public void NumberValuesCompareAsNumbersAndAreListedOnce()
    {
        var model = Bind("fields { tier number }\ncalendar by tier { 1, 2 -> amer default -> emea }\nseverity p3 { acknowledge within 4 business hours }");

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.CalendarChoice!.Resolve("01").Name.ShouldBe("amer");
        model.Policy.CalendarChoice.Resolve("+2").Name.ShouldBe("amer");
        model.Policy.CalendarChoice.Resolve("3").Name.ShouldBe("emea");
        Errors("fields { tier number }\ncalendar by tier { 1 -> amer 01 -> emea default -> emea }\nseverity p3 { acknowledge within 15m }")
            .ShouldBe(["ESC2015 The value '01' of 'tier' already has a calendar on line 7. Remove one of the entries."]);
    }

    [Fact]
    public void ANumberRouteComparesAsNumbersToo()
    {
        var model = Bind("fields { tier number }\nroute tier { 1 -> desk }\nseverity p3 { acknowledge within 15m }");

        model.Policy.Routes.Single().Resolve("01")!.Name.ShouldBe("desk");
    }

    [Fact]
    public void AFlagIsRefusedNamingOnlyTheFieldsABlockTakes() =>
        Errors("fields { vip flag }\ncalendar by vip { default -> emea }\nseverity p3 { acknowledge within 15m }").ShouldBe([
            "ESC2017 `calendar by` picks a calendar by the value of 'vip', but 'vip' is a flag field and has no values to choose by. "
            + "Choose by a declared enum, text or number field, issue_type or status."]);

    [Theory]
    [InlineData("fields { vip flag }", "vip", "'vip' is a flag field and has no values to choose by")]
    [InlineData("", "owner", "'owner' also changes by the policy's own actions")]
    [InlineData("", "severity", "'severity' also changes by the policy's own actions")]
    [InlineData("", "escalation_level", "'escalation_level' also changes by the policy's own actions")]
    public void FieldsWithoutValuesOrThatThePolicyChangesAreRefused(string declare, string field, string reason)
    {
        var error = Errors($"{declare}\ncalendar by {field} {{ default -> emea }}\nseverity p3 {{ acknowledge within 15m }}").ShouldHaveSingleItem();
        error.ShouldStartWith("ESC2017 ");
        error.ShouldContain(reason);
    }

    [Theory]
    [InlineData("issue_type")]
    [InlineData("status")]
    public void IssueTypeAndStatusAreSetByEventsAndMayChoose(string field) =>
        Errors($"calendar by {field} {{ network -> amer default -> emea }}\nseverity p3 {{ acknowledge within 4 business hours }}").ShouldBeEmpty();

    [Theory]
    [InlineData("calendar by customer { acme => amer default -> emea }")]
    [InlineData("route customer { acme => desk }")]
    public void AnArrowWrittenAsInOtherLanguagesIsShownTheOneTheLanguageUses(string entry) =>
        Errors(entry + "\nseverity p3 { acknowledge within 15m }").ShouldHaveSingleItem().ShouldBe(
            "ESC1003 The character '=' is not part of the .esc language. An entry of a route or a `calendar by` block maps its values with '->', as in `network_outage -> network`.");

    [Fact]
    public void ACalendarNamedByIsReadAsACalendarNotABlock()
    {
        var model = SemanticModel.Create("by.esc", "policy \"x\" version 1\ncalendar by \"UTC\" {\n    hours mon..fri 09:00-17:00\n}\nseverity sev1 { acknowledge within 4 business hours }\n");

        model.Diagnostics.Select(d => $"{d.Code} {d.Message}").ShouldBe([
            "ESC1001 Unexpected keyword 'by'. 'by' is a keyword, so it cannot be a calendar name. Choose another name, such as 'by_calendar'."]);
        model.Policy.Calendars.Select(c => c.Name).ShouldBe(["by"]);
    }
}
