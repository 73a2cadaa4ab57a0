namespace EscalationDsl.Analysis.Tests;

/// <summary>
/// How the rules treat business durations whose calendar a `calendar by` block chooses per ticket:
/// compared with each other as on one calendar, never with a fixed calendar's; the block's calendars
/// and field count as used.
/// </summary>
public sealed class CalendarChoiceLintTests
{
    // Lines 6-12 after Policies.Header; the severity is line 13, the rule 14-17.
    private const string Calendars = """
        calendar amer "America/Chicago" { hours mon..fri 08:00-18:00 holiday 2026-11-26 "Thanksgiving Day" }
        calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 holiday 2026-12-25 "Christmas Day" }
        calendar by customer {
            acme    -> amer
            default -> emea
        }
        fields { customer enum [acme, globex] }

        """;

    private static string Policy(string severity, string step) => Policies.Header + Calendars + severity + "\n"
        + "escalation r for p3 {\n    owner desk\n    " + step + "\n}\n";

    [Fact]
    public void AStepAfterTheTargetBothOnTheChosenCalendarIsReported()
    {
        // Line 16 holds the step.
        LintHarness.Findings(Policy("severity p3 { acknowledge within 4 business hours }", "after 5 business hours unless acknowledged: escalate to next"), "ESL001")
            .ShouldBe(["warning 16:11-16:27"]);
    }

    [Theory]
    [InlineData("severity p3 { acknowledge within 4 business hours on amer }", "after 5 business hours unless acknowledged: escalate to next")]
    [InlineData("severity p3 { acknowledge within 4 business hours }", "after 5 business hours on amer unless acknowledged: escalate to next")]
    public void AChosenCalendarIsNotComparedWithAFixedOneEvenWhenTheBlockMayChooseIt(string severity, string step) =>
        LintHarness.Findings(Policy(severity, step), "ESL001").ShouldBeEmpty();

    [Fact]
    public void BusinessDaysOnTheChosenCalendarSpanTheShortestToTheLongestDayOfItsCalendars()
    {
        // A business day is 8 hours on emea and 10 on amer: 9 business hours may come before or after one
        // business day, 11 always after it.
        LintHarness.Findings(Policy("severity p3 { acknowledge within 1 business day }", "after 9 business hours unless acknowledged: escalate to next"), "ESL001")
            .ShouldBeEmpty();
        LintHarness.Findings(Policy("severity p3 { acknowledge within 1 business day }", "after 11 business hours unless acknowledged: escalate to next"), "ESL001")
            .ShouldBe(["warning 16:11-16:28"]);
    }

    [Fact]
    public void TheCalendarsAndFieldOfABlockThatChoosesAreUsed()
    {
        var result = LintHarness.Lint(Policy("severity p3 { acknowledge within 4 business hours }", "after 4h unless acknowledged: escalate to next"));

        result.Diagnostics.Where(d => d.Code is "ESL018" or "ESL019").ShouldBeEmpty();
    }

    [Fact]
    public void ARuleWaitingOnTheChosenCalendarBesideSeveritiesOnAFixedOneIsReportedByEsl028()
    {
        var result = LintHarness.Lint(Policy("severity p3 { calendar amer acknowledge within 4 business hours }", "after 2 business hours unless acknowledged: escalate to next"));

        result.Diagnostics.Single(d => d.Code == "ESL028").Message.ShouldBe(
            "'2 business hours' is measured on the calendar `calendar by customer` chooses for the ticket, but severity p3, which the rule is for, measures its targets on 'amer': "
            + "a rule does not take its severities' calendar. Write `calendar amer` in the rule (or '2 business hours on amer'); to keep the ticket's calendar, suppress this finding with the reason.");
    }

    [Fact]
    public void ACalendarWithoutHolidaysThatTheBlockChoosesIsReportedByEsl022()
    {
        var text = Policy("severity p3 { acknowledge within 4 business hours }", "after 2h: escalate to next")
            .Replace(" holiday 2026-12-25 \"Christmas Day\"", string.Empty, StringComparison.Ordinal);

        LintHarness.Lint(text).Diagnostics.Where(d => d.Code == "ESL022").Select(d => d.Message[..d.Message.IndexOf(',', StringComparison.Ordinal)])
            .ShouldBe(["Calendar 'emea' lists no holidays"]);
    }

    [Fact]
    public void ABlockThatChoosesForNoDurationIsReportedAndLeavesItsCalendarsUnused()
    {
        // Every business duration names its calendar: the block (line 8) decides nothing, and emea measures nothing.
        var text = Policy("severity p3 { acknowledge within 4 business hours on amer }", "after 2h unless acknowledged: escalate to next");
        var result = LintHarness.Lint(text);

        LintHarness.Describe(result, "ESL018").ShouldBe(["warning 7:10-7:14", "warning 8:13-8:21"]);
        result.Diagnostics.Last(d => d.Code == "ESL018").Message.ShouldBe(
            "`calendar by customer` chooses the calendar of no business duration: every one names its calendar (`on NAME`, or a rule's or severity's `calendar`), or there is none. "
            + "Remove the block, or the calendar names it is meant to replace.");
    }
}
