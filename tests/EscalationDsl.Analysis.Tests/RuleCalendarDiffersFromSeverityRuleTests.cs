namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL028: a rule waits business time on the default calendar while its severities measure their targets on another.</summary>
public sealed class RuleCalendarDiffersFromSeverityRuleTests
{
    // Lines 6-7 after Policies.Header: emea (the default) and amer.
    private const string Calendars = """
        calendar emea "Europe/Amsterdam" default { hours mon..fri 09:00-17:00 holiday 2026-12-25 "Christmas Day" }
        calendar amer "America/Chicago" { hours mon..fri 08:00-18:00 holiday 2026-12-25 "Christmas Day" }

        """;

    private static string Policy(string severities, string rule) => Policies.Header + Calendars + severities + "\n" + rule + "\n";

    private static List<string> Messages(LintResult result) => result.Diagnostics.Where(d => d.Code == "ESL028").Select(d => d.Message).ToList();

    [Fact]
    public void ABusinessWaitOnTheDefaultCalendarBesideASeverityOnAnotherIsReportedAtTheDuration()
    {
        var result = LintHarness.Lint(Policy(
            "severity p3 { calendar amer acknowledge within 4 business hours }",
            "escalation r for p3 {\n    owner desk\n    after 4 business hours unless acknowledged: escalate to next\n}"));

        // Line 11 holds the step; the duration runs from column 11 to the end of `4 business hours`.
        LintHarness.Describe(result, "ESL028").ShouldBe(["warning 11:11-11:27"]);
        Messages(result).Single().ShouldBe(
            "'4 business hours' is measured on the default calendar 'emea', but severity p3, which the rule is for, measures its targets on 'amer': "
            + "a rule does not take its severities' calendar. Write `calendar amer` in the rule (or '4 business hours on amer'); "
            + "to keep the default, write '4 business hours on emea'.");
    }

    [Fact]
    public void EveryIntervalsAndOlderThanAgesInTriggersAreCheckedToo()
    {
        var result = LintHarness.Lint(Policy(
            "fields { waiting_since time }\nseverity p3 { calendar amer acknowledge within 4 business hours }",
            "escalation r for p3 {\n    owner desk\n    every 2 business hours while waiting_since older than 1 business day up to 3 times: notify lead\n}"));

        Messages(result).Select(m => m[..m.IndexOf('\'', 1)]).ShouldBe(["'2 business hours", "'1 business day"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("severity p3 { calendar amer acknowledge within 4 business hours }", "escalation r for p3 {\n    owner desk\n    calendar amer\n    after 4 business hours: escalate to next\n}")]
    [InlineData("severity p3 { calendar amer acknowledge within 4 business hours }", "escalation r for p3 {\n    owner desk\n    after 4 business hours on emea: escalate to next\n}")]
    [InlineData("severity p3 { calendar amer acknowledge within 4 business hours }", "escalation r for p3 {\n    owner desk\n    after 4h: escalate to next\n}")]
    [InlineData("severity p3 { acknowledge within 4 business hours }", "escalation r for p3 {\n    owner desk\n    after 4 business hours: escalate to next\n}")]
    [InlineData("severity p3 { calendar emea acknowledge within 4 business hours }", "escalation r for p3 {\n    owner desk\n    after 4 business hours: escalate to next\n}")]
    [InlineData("severity p2 { calendar amer acknowledge within 1 business hour }\nseverity p3 { acknowledge within 4 business hours }", "escalation r for p2, p3 {\n    owner desk\n    after 4 business hours: escalate to next\n}")]
    [InlineData("severity p3 { calendar amer acknowledge within 4 business hours }", "escalation r for any {\n    owner desk\n    after 4 business hours: escalate to next\n}")]
    public void WaitsOnTheSeveritiesCalendarNamedCalendarsWallClockAndMixedOrAnySeveritiesAreNotReported(string severities, string rule) =>
        LintHarness.Findings(Policy(severities, rule), "ESL028").ShouldBeEmpty();

    [Fact]
    public void SeveralSeveritiesOnTheSameCalendarAreNamedTogether()
    {
        var result = LintHarness.Lint(Policy(
            "severity p2 { calendar amer acknowledge within 1 business hour }\nseverity p3 { calendar amer acknowledge within 4 business hours }",
            "escalation r for p2, p3 {\n    owner desk\n    after 4 business hours: escalate to next\n}"));

        Messages(result).Single().ShouldContain("but severities p2, p3, which the rule is for, measure their targets on 'amer'");
    }
}
