namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL033: a calendar in a legacy zone id that keeps no region's clocks (which ids: TimeZoneNameTests).</summary>
public sealed class LegacyTimeZoneRuleTests
{
    private const string Calendar = "calendar office \"{0}\" {{ hours mon..fri 09:00-17:00 holiday 2026-12-25 }}\n";

    private static string Text(string zone) =>
        Policies.Header + "severity sev1 { acknowledge within 4 business hours }\n" + string.Format(null, Calendar, zone)
        + "escalation main for sev1 {\n    owner desk\n    after 4 business hours unless acknowledged: escalate to next\n}\n";

    [Theory]
    [InlineData("EST")]
    [InlineData("CET")]
    [InlineData("EST5EDT")]
    [InlineData("Etc/GMT+5")]
    public void LegacyZoneIsReportedAtTheZone(string zone)
    {
        var result = LintHarness.Lint(Text(zone));

        // Line 7 holds the calendar; the zone's string starts at column 17, quotes included.
        LintHarness.Describe(result, "ESL033").ShouldBe([$"warning 7:17-7:{19 + zone.Length}"]);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("US/Eastern")]
    public void RegionZoneOrUtcIsNotReported(string zone) => LintHarness.Lint(Text(zone)).Diagnostics.ShouldBeEmpty();

    [Fact]
    public void MessageSaysWhatTheZoneDoesAndWhichRegionToWrite() =>
        LintHarness.Message(Text("MST"), "ESL033").ShouldBe(
            "Time zone 'MST' is UTC-07:00 all year, with no daylight saving: the zone database keeps it as another name for America/Phoenix. "
            + "For US Mountain time write \"America/Denver\", or \"America/Phoenix\" for Arizona, which keeps standard time all year.");

    [Fact]
    public void FindingCanBeSuppressedWithAReason()
    {
        var result = LintHarness.Lint(Text("EST").Replace("calendar office", "# esc-disable-next-line legacy-time-zone the plant keeps UTC-05:00 all year\ncalendar office", StringComparison.Ordinal));

        LintHarness.Describe(result, "ESL033").ShouldBeEmpty();
        result.Suppressed.ShouldBe(1);
    }
}
