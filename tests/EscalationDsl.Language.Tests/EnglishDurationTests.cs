using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Tests;

/// <summary>Durations in messages, as people read them rather than as a TimeSpan prints (<c>7.00:00:00</c>).</summary>
public sealed class EnglishDurationTests
{
    [Theory]
    [InlineData("7.00:00:00", "7 days")]
    [InlineData("1.02:00:00", "1 day 2 hours")]
    [InlineData("00:30:00", "30 minutes")]
    [InlineData("01:00:00", "1 hour")]
    [InlineData("01:30:15", "1 hour 30 minutes 15 seconds")]
    [InlineData("00:00:01", "1 second")]
    [InlineData("00:00:00.5", "500 milliseconds")]
    [InlineData("00:00:00.0001", "0.1 milliseconds")]
    [InlineData("-00:01:00", "-1 minute")]
    [InlineData("00:00:00", "no time")]
    public void ADurationIsWrittenInItsUnits(string value, string words) =>
        English.Duration(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(words);
}
