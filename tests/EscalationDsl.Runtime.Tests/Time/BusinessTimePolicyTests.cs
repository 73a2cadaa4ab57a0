using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>Business time as policies use it: SLA targets and steps on "America/New_York" calendars.</summary>
public sealed class BusinessTimePolicyTests
{
    internal const string Header = """
        policy "business" version 1

        calendar business "America/New_York" {
            hours mon..fri 09:00-17:00
            holiday 2026-11-26 "Thanksgiving Day"
            holiday 2026-12-25 "Christmas Day"
        }

        owners { role lead "Duty lead" }
        pause sla while status == awaiting_customer

        """;

    private const string London = """
        policy "london" version 1
        calendar night "Europe/London" { hours mon..sun 00:00-06:00 }
        severity sev1 {
            acknowledge  within 3 business hours
            first_update within 3h
            resolve      within 1 business day
        }
        """;

    /// <summary>Runs a script whose times are absolute ISO instants; returns "INSTANT kind [owner] [component]" lines.</summary>
    internal static List<string> Run(string policy, string script)
    {
        var s = new TicketScript(TicketScript.Compile(policy), start: "2026-01-01T00:00:00Z").Run(script);
        return [.. s.Decisions.Select(Line)];
    }

    private static string Line(Decision d) =>
        $"{InstantPattern.ExtendedIso.Format(d.At)} {DecisionKinds.Name(d.Kind)}{(d.Owner is null ? "" : " " + d.Owner)}{(d.Component is { } c ? " " + ModelFormatter.Format(c) : "")}";

    [Fact]
    public void AckDeadlineSkipsHolidays()
    {
        // Thu 2026-12-24 15:00 EST: 2h on Thursday, Christmas Friday and the weekend off, 2h on Monday.
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-12-24T20:00:00Z created sev3; 2027-01-04T00:00:00Z advance")
            .ShouldBe(["2026-12-28T16:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void ATicketOpenedOnFridayEveningIsDueOnMonday()
    {
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-11-06T23:00:00Z created sev3; 2026-11-09T17:59:59Z advance; 2026-11-10T00:00:00Z advance")
            .ShouldBe(["2026-11-09T18:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void BusinessDayTargetsSkipTheWeekendAndTheHoliday()
    {
        // Thu 2026-12-24 10:00 EST: one business day is Mon 10:00, three are Wed 10:00.
        Run(Header + "severity sev2 { mitigate within 1 business day\n resolve within 3 business days }",
            "2026-12-24T15:00:00Z created sev2; 2027-01-04T00:00:00Z advance")
            .ShouldBe(["2026-12-28T15:00:00Z sla_breach mitigate", "2026-12-30T15:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void ThreeBusinessDaysSkipThanksgivingAndTheWeekend()
    {
        Run(Header + "severity sev3 { resolve within 3 business days }",
            "2026-11-25T15:00:00Z created sev3; 2026-12-05T00:00:00Z advance")
            .ShouldBe(["2026-12-01T15:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void APauseInsideBusinessHoursMovesTheBusinessDeadline()
    {
        // Mon 10:00 EST + 4 business hours, paused 11:00-12:30: 15:30 instead of 14:00.
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-11-02T15:00:00Z created sev3; 2026-11-02T16:00:00Z status awaiting_customer; 2026-11-02T17:30:00Z status in_progress; 2026-11-03T00:00:00Z advance")
            .ShouldBe(["2026-11-02T20:30:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void APauseOverNightCountsOnlyTheBusinessHoursItCovers()
    {
        // Mon 14:00 EST + 4 business hours, paused Mon 16:00 - Tue 10:00: due Tue 12:00 (not Tue 10:00).
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-11-02T19:00:00Z created sev3; 2026-11-02T21:00:00Z status awaiting_customer; 2026-11-03T15:00:00Z status in_progress; 2026-11-04T00:00:00Z advance")
            .ShouldBe(["2026-11-03T17:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void APausedHourInsideABusinessDayTargetMovesItAnHour()
    {
        Run(Header + "severity sev2 { mitigate within 1 business day }",
            "2026-11-02T15:00:00Z created sev2; 2026-11-02T16:00:00Z status awaiting_customer; 2026-11-02T17:00:00Z status in_progress; 2026-11-05T00:00:00Z advance")
            .ShouldBe(["2026-11-03T16:00:00Z sla_breach mitigate"]);
    }

    [Fact]
    public void BusinessHourStepsCountFromTheRuleStartAcrossTheSpringForwardWeekend()
    {
        // Fri 2026-03-06 16:00 EST + 2 business hours = Mon 10:00 EDT.
        Run(Header + "severity sev3 { }\nescalation r for sev3 { after 2 business hours unless acknowledged: notify lead }",
            "2026-03-06T21:00:00Z created sev3; 2026-03-10T00:00:00Z advance")
            .ShouldBe(["2026-03-09T14:00:00Z notify lead"]);
    }

    [Fact]
    public void BusinessHourTargetsAcrossTheFallBackWeekend()
    {
        // Fri 2026-10-30 16:00 EDT + 2 business hours = Mon 10:00 EST.
        Run(Header + "severity sev3 { acknowledge within 2 business hours }",
            "2026-10-30T20:00:00Z created sev3; 2026-11-03T00:00:00Z advance")
            .ShouldBe(["2026-11-02T15:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void RoundTheClockCalendarCountsTheShortAndTheLongDayAsTheyAre()
    {
        const string policy = """
            policy "always" version 1
            calendar always "America/New_York" { hours mon..sun 00:00-24:00 }
            severity sev1 {
                acknowledge within 24 business hours
                resolve     within 1 business day
            }
            """;

        // Spring forward: from Sun 00:00 EST, one business day ends at Mon 00:00 EDT (23h later);
        // 24 business hours are 24 elapsed hours.
        Run(policy, "2026-03-08T05:00:00Z created sev1; 2026-03-10T00:00:00Z advance")
            .ShouldBe(["2026-03-09T04:00:00Z sla_breach resolve", "2026-03-09T05:00:00Z sla_breach acknowledge"]);

        // Fall back: the day lasts 25 hours.
        Run(policy, "2026-11-01T04:00:00Z created sev1; 2026-11-03T00:00:00Z advance")
            .ShouldBe(["2026-11-02T04:00:00Z sla_breach acknowledge", "2026-11-02T05:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void SeverityUpgradeFromBusinessHoursToWallClockBreachesAtTheChange()
    {
        // Opened Friday 18:00 EST as sev3 (due Monday), raised to sev1 at 18:20: 15m from creation has passed.
        Run(Header + "severity sev1 { acknowledge within 15m }\nseverity sev3 { acknowledge within 4 business hours }",
            "2026-11-06T23:00:00Z created sev3; 2026-11-06T23:20:00Z severity_changed sev1; 2026-11-07T00:00:00Z advance")
            .ShouldBe(["2026-11-06T23:20:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void SeverityDowngradeFromWallClockToBusinessHoursMovesTheDeadlineToMonday()
    {
        Run(Header + "severity sev1 { acknowledge within 15m }\nseverity sev3 { acknowledge within 4 business hours }",
            "2026-11-06T23:00:00Z created sev1; 2026-11-06T23:10:00Z severity_changed sev3; 2026-11-10T00:00:00Z advance")
            .ShouldBe(["2026-11-09T18:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void ALondonNightDeskCountsTheSpringForwardDayAsFiveHours()
    {
        // 00:00-06:00 local; on Sun 2026-03-29 01:00 GMT jumps to 02:00 BST, so the day runs 00:00Z-05:00Z.
        // Sat 05:00 GMT: 1h on Saturday, then 2h from Sun 00:00 GMT = 03:00 BST. One business day from
        // 5h into Saturday is 5h into Sunday, its close (06:00 BST). The wall-clock 3h ignores the calendar.
        Run(London, "2026-03-28T05:00:00Z created sev1; 2026-03-30T12:00:00Z advance")
            .ShouldBe(["2026-03-28T08:00:00Z sla_breach first_update", "2026-03-29T02:00:00Z sla_breach acknowledge", "2026-03-29T05:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void ALondonNightDeskCountsTheRepeatedHourOfTheFallBackDayTwice()
    {
        // Sun 2026-10-25 00:30 BST (Sat 23:30Z): 00:30-01:00 BST, 01:00-02:00 BST, then 01:00-01:30 GMT again.
        // One business day from 30m into Sunday (7 hours long) is 30m into Monday.
        Run(London, "2026-10-24T23:30:00Z created sev1; 2026-10-27T12:00:00Z advance")
            .ShouldBe(["2026-10-25T02:30:00Z sla_breach acknowledge", "2026-10-25T02:30:00Z sla_breach first_update", "2026-10-26T00:30:00Z sla_breach resolve"]);
    }

    [Fact]
    public void ANightShiftCountsBusinessHoursAcrossMidnight()
    {
        const string policy = """
            policy "night" version 1
            calendar night "Asia/Singapore" {
                hours mon..fri 22:00-24:00
                hours tue..sat 00:00-06:00
            }
            severity sev1 {
                acknowledge  within 2 business hours
                first_update within 8 business hours
            }
            """;

        // Mon 23:00 SGT (15:00Z): 1h to midnight, 1h from Tue 00:00; 8 hours: 1h + 6h to Tue 06:00, 1h from Tue 22:00.
        Run(policy, "2026-11-02T15:00:00Z created sev1; 2026-11-05T00:00:00Z advance")
            .ShouldBe(["2026-11-02T17:00:00Z sla_breach acknowledge", "2026-11-03T15:00:00Z sla_breach first_update"]);
    }

    [Fact]
    public void WallClockAndBusinessTargetsOfOneSeverityRunSideBySide()
    {
        // Fri 2026-11-06 15:00 EST: 4h is Fri 19:00; 4 business hours are 2h on Friday and 2h on Monday;
        // one business day is Mon 15:00.
        Run(Header + "severity sev2 { acknowledge within 4h\n first_update within 4 business hours\n resolve within 1 business day }",
            "2026-11-06T20:00:00Z created sev2; 2026-11-12T00:00:00Z advance")
            .ShouldBe(["2026-11-07T00:00:00Z sla_breach acknowledge", "2026-11-09T16:00:00Z sla_breach first_update", "2026-11-09T20:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void ABusinessDayTargetPausedOvernightAddsOnlyThePausedBusinessHours()
    {
        // Mon 10:00 EST + 1 business day = Tue 10:00; paused Mon 16:00 - Tue 10:00 covers 2 business hours: Tue 12:00.
        Run(Header + "severity sev2 { resolve within 1 business day }",
            "2026-11-02T15:00:00Z created sev2; 2026-11-02T21:00:00Z status awaiting_customer; 2026-11-03T15:00:00Z status in_progress; 2026-11-05T00:00:00Z advance")
            .ShouldBe(["2026-11-03T17:00:00Z sla_breach resolve"]);
    }
}
