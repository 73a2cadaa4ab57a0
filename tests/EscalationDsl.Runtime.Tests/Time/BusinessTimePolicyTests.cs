using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>Business time as policies use it: SLA targets and steps on "America/New_York" calendars.</summary>
public sealed class BusinessTimePolicyTests
{
    private const string Header = """
        policy "business" version 1

        calendar business "America/New_York" {
            hours mon..fri 09:00-17:00
            holiday 2026-11-26 "Thanksgiving Day"
            holiday 2026-12-25 "Christmas Day"
        }

        owners { role lead "Duty lead" }
        pause sla while status == awaiting_customer

        """;

    /// <summary>Runs a script whose times are absolute ISO instants; returns "INSTANT kind [owner] [component]" lines.</summary>
    private static List<string> Run(string policy, string script)
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
}
