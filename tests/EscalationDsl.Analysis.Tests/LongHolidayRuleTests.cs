namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL031: a holiday range that closes its calendar for more than a month.</summary>
public sealed class LongHolidayRuleTests
{
    private static string Policy(string holidays) => Policies.Header
        + "calendar office \"Europe/Berlin\" {\n    hours mon..fri 09:00-17:00\n" + holidays + "}\n"
        + "severity p3 { acknowledge within 4 business hours }\n"
        + "escalation r for p3 {\n    owner desk\n    after 2 business hours: escalate to next\n}\n";

    private static List<string> Messages(string holidays) =>
        LintHarness.Lint(Policy(holidays)).Diagnostics.Where(d => d.Code == "ESL031").Select(d => d.Message).ToList();

    [Fact]
    public void AYearTypedOneTooFarIsReportedAtTheHolidayWithBothRangesAYearFixGives()
    {
        var text = Policy("    holiday 2026-12-24..2027-12-31 \"Year-end shutdown\"\n");

        // Line 8 holds the holiday; the span is the whole item, label included.
        LintHarness.Findings(text, "ESL031").ShouldBe(["warning 8:5-8:55"]);
        Messages("    holiday 2026-12-24..2027-12-31 \"Year-end shutdown\"\n").Single().ShouldBe(
            "Holiday 2026-12-24..2027-12-31 closes calendar 'office' for 373 days: business durations on it stand still and `during` it is false that long. "
            + "If a year is mistyped, write 2026-12-24..2026-12-31 or 2027-12-24..2027-12-31.");
    }

    [Fact]
    public void ARangeOverNewYearIsFixedByTheYearAfterTheStartOrBeforeTheEnd()
    {
        // The end in the start's year (2025-01-02) or the start in the end's (2027-12-28) would be out of order.
        Messages("    holiday 2025-12-28..2027-01-02\n").Single().ShouldEndWith(
            "for 371 days: business durations on it stand still and `during` it is false that long. "
            + "If a year is mistyped, write 2025-12-28..2026-01-02 or 2026-12-28..2027-01-02.");
        Messages("    holiday 2026-12-28..2027-01-02\n").ShouldBeEmpty();
    }

    [Fact]
    public void AnyMistypedYearIsFixedByTheOtherDatesYear() =>
        Messages("    holiday 2026-12-24..2028-12-31\n").Single().ShouldEndWith("If a year is mistyped, write 2026-12-24..2026-12-31 or 2028-12-24..2028-12-31.");

    [Fact]
    public void ALongRangeWithNoYearToBlameAsksToCheckTheDates()
    {
        Messages("    holiday 2026-07-01..2026-08-31 \"Summer closure\"\n").Single().ShouldBe(
            "Holiday 2026-07-01..2026-08-31 closes calendar 'office' for 62 days: business durations on it stand still and `during` it is false that long. "
            + "Check the dates; if the closure is meant, suppress this finding with the reason.");
    }

    [Theory]
    [InlineData("    holiday 2026-12-01..2026-12-31\n")] // 31 days: the longest not reported
    [InlineData("    holiday 2026-12-24\n    holiday 2027-01-01\n")]
    [InlineData("")]
    public void HolidaysOfAMonthOrLessAreNotReported(string holidays) =>
        LintHarness.Findings(Policy(holidays), "ESL031").ShouldBeEmpty();

    [Fact]
    public void ThirtyTwoDaysAreReported() =>
        Messages("    holiday 2026-12-01..2027-01-01\n").Single().ShouldContain("for 32 days");

    [Fact]
    public void A29FebruaryEndIsNotMovedToAYearWithoutOne() =>
        Messages("    holiday 2027-02-20..2028-02-29\n").Single().ShouldEndWith("If a year is mistyped, write 2028-02-20..2028-02-29.");

    [Fact]
    public void RangesBackToBackAreOneClosureReportedAtTheFirst()
    {
        var holidays = "    holiday 2027-01-01..2027-01-31 \"January\"\n    holiday 2026-12-01..2026-12-31 \"December\"\n";

        // The December range (line 9) comes first by date.
        LintHarness.Findings(Policy(holidays), "ESL031").ShouldBe(["warning 9:5-9:46"]);
        Messages(holidays).Single().ShouldBe(
            "Holidays from 2026-12-01 to 2027-01-31, 2 ranges back to back (lines 9 to 8), close calendar 'office' for 62 days: "
            + "business durations on it stand still and `during` it is false that long. Check the dates; if the closure is meant, suppress this finding with the reason.");
        Messages("    holiday 2026-12-01..2026-12-31\n    holiday 2027-01-02..2027-01-31\n").ShouldBeEmpty("a working day between");
    }

    [Fact]
    public void ACalendarNothingUsesIsLeftToEsl018()
    {
        var text = Policy("    holiday 2026-12-24\n").Replace("calendar office \"Europe/Berlin\" {", "calendar office \"Europe/Berlin\" default {", StringComparison.Ordinal)
            + "calendar archive \"UTC\" {\n    hours mon..fri 09:00-17:00\n    holiday 2020-03-15..2020-06-30 \"Closed\"\n}\n";

        LintHarness.Findings(text, "ESL031").ShouldBeEmpty();
        LintHarness.Findings(text, "ESL018").ShouldHaveSingleItem();
    }
}
