using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>An `hours` line, or a `holiday` range, written as people write them elsewhere gets the `.esc` spelling.</summary>
public sealed class HoursHintTests
{
    [Theory]
    [InlineData("mon-fri 08:00-17:00", "'-'", "A range of days is written with '..': mon..fri.")]
    [InlineData("mon to fri 08:00-17:00", "keyword 'to'", "A range of days is written with '..': mon..fri.")]
    [InlineData("mon..fri 8-17", "number 8", "Times are written as hh:mm: 08:00-17:00.")]
    [InlineData("sat 10-14", "number 10", "Times are written as hh:mm: 10:00-14:00.")]
    [InlineData("Monday-Friday 08:00-17:00", "'-'", "A range of days is written with '..': mon..fri.")]
    public void AnHoursLineWrittenAnotherWaySaysHowToWriteIt(string hours, string found, string hint)
    {
        var model = Calendar($"hours {hours}");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe($"Unexpected {found}. {hint}");
    }

    [Theory]
    [InlineData("2026-12-24 - 2026-12-26", "'-'")]
    [InlineData("2026-12-24-2026-12-26 \"Christmas\"", "'-'")]
    [InlineData("2026-12-24 to 2026-12-26", "keyword 'to'")]
    [InlineData("2026-12-24 until 2026-12-26", "keyword 'until'")]
    public void AHolidayRangeWrittenAnotherWaySaysHowToWriteIt(string holiday, string found)
    {
        var model = Calendar($"hours mon..fri 08:00-17:00 holiday {holiday}");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe($"Unexpected {found}. A range of holidays is written with '..': 2026-12-24..2026-12-26.");
    }

    [Theory]
    [InlineData("8:30am-5:00pm", "name 'am'", "08:30-17:00")]
    [InlineData("8:30 AM - 5 PM", "name 'AM'", "08:30-17:00")]
    [InlineData("9am-5pm", "duration 9am", "09:00-17:00")]
    [InlineData("9-5pm", "number 9", "09:00-17:00")]
    [InlineData("10pm-12am", "duration 10pm", "22:00-24:00")]
    [InlineData("12am-12:30pm", "duration 12am", "00:00-12:30")]
    public void HoursWithAmOrPmAreShownInTheTwentyFourHourClock(string range, string found, string converted)
    {
        var model = Calendar($"hours mon..fri {range}");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe($"Unexpected {found}. Times are 24-hour, written as HH:MM without am or pm: {converted}.");
    }

    [Theory]
    [InlineData("mon..fri 0900-1700")]
    [InlineData("mon..fri 24-25")]
    [InlineData("mon..fri 9")]
    [InlineData("monk-fri 08:00-17:00")]
    [InlineData("mon..fri 13pm-5pm")]
    [InlineData("mon..fri 8:30am")]
    public void NoHintIsGuessedFromWhatIsNeitherADayNorAnHour(string hours)
    {
        // A review found hints that were invalid themselves: 0900:00-1700:00, 24:00-25:00, monk..fri.
        var model = Calendar($"hours {hours}");

        model.Diagnostics.First().Message.ShouldStartWith("Unexpected ");
        model.Diagnostics.First().Message.ShouldContain("Expected ");
    }

    [Fact]
    public void AnHourWithoutLeadingZeroIsATime()
    {
        Calendar("hours mon..fri 8:00-17:00").Diagnostics.ShouldBeEmpty();
    }

    /// <summary>A policy whose calendar holds <paramref name="body"/>.</summary>
    private static SemanticModel Calendar(string body) => SemanticModel.Create("c.esc", $$"""
        policy "c" version 1
        calendar office "America/Chicago" { {{body}} }
        owners { team desk "Desk" }
        severity p3 { acknowledge within 4h }
        """);
}
