using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>Durations in explain traces: 90 paused seconds were shown as "1m", though the deadline counted all of them.</summary>
public sealed class TraceSpanTests
{
    [Theory]
    [InlineData(0, "0m")]
    [InlineData(999, "0m")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(60_000, "1m")]
    [InlineData(3_600_000, "1h")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(3_630_000, "1h30s")]
    [InlineData(3_661_000, "1h1m1s")]
    [InlineData(100L * 3_600_000, "100h")]
    public void ASpanShowsItsHoursMinutesAndSeconds(long ms, string text) => TimeArithmetic.Span(ms).ShouldBe(text);
}
