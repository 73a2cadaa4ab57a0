using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>ESC2028 offers the range over the new year when the end kept the start's year.</summary>
public sealed class ReversedHolidayTests
{
    private static string Message(string holiday) =>
        SemanticModel.Create("h.esc", $"policy \"h\" version 1\ncalendar office \"UTC\" {{\n hours mon..fri 09:00-17:00\n {holiday}\n}}\nseverity sev1 {{ acknowledge within 15m }}\n")
            .Diagnostics.ShouldHaveSingleItem().Message;

    [Fact]
    public void AnEndThatKeptTheStartsYearIsOfferedAYearLater() =>
        Message("holiday 2026-12-24..2026-01-02").ShouldBe(
            "The holiday range 2026-12-24..2026-01-02 ends before it starts. If it runs over the new year, write 2026-12-24..2027-01-02; otherwise write the earlier date first.");

    [Theory]
    [InlineData("holiday 2027-01-01..2026-12-24")] // another year: swapped, not a new-year slip
    [InlineData("holiday 2026-11-01..2026-01-02")] // a year later would last over two months
    [InlineData("holiday 2028-03-01..2028-02-29")] // no 29 February in 2029
    public void OtherReversedRangesOnlyAskForTheEarlierDateFirst(string holiday) =>
        Message(holiday).ShouldEndWith("ends before it starts. Write the earlier date first.");
}
