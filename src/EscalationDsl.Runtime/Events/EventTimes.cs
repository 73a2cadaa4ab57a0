using NodaTime;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The span of time esc works in: events from 1970 up to the end of 2199. Calendars, business-time
/// arithmetic and the engine's JSON all stay in range there. A ticket keeps its times as seconds
/// since its creation, so deadlines more than about 68 years after creation are never reached.
/// </summary>
public static class EventTimes
{
    /// <summary>The earliest event time: 1970-01-01T00:00:00Z.</summary>
    public static readonly Instant Earliest = Instant.FromUtc(1970, 1, 1, 0, 0);

    /// <summary>The first instant after the latest event time: 2200-01-01T00:00:00Z.</summary>
    public static readonly Instant End = Instant.FromUtc(2200, 1, 1, 0, 0);

    private static readonly LocalDate FirstDate = Instant.MinValue.InUtc().Date;
    private static readonly LocalDate LastDate = Instant.MaxValue.InUtc().Date;

    /// <summary>How the span is written in messages.</summary>
    public const string Text = "from 1970-01-01 to the end of 2199 (UTC)";

    /// <summary>True when <paramref name="at"/> lies in the span.</summary>
    public static bool Contains(Instant at) => at >= Earliest && at < End;

    /// <summary>
    /// The instant <paramref name="time"/> names, or null when no <see cref="Instant"/> can hold it:
    /// an offset carries the last hours of year 9999 past <see cref="Instant.MaxValue"/>
    /// (9999-12-31T23:00:00-05:00 is 10000-01-01T04:00:00Z), and the first hours of year -9998 before
    /// <see cref="Instant.MinValue"/>, where <see cref="OffsetDateTime.ToInstant"/> throws.
    /// </summary>
    public static Instant? ToInstant(OffsetDateTime time)
    {
        var utcNanosecondOfDay = time.NanosecondOfDay - time.Offset.Nanoseconds;
        var outside = (time.Date == LastDate && utcNanosecondOfDay >= NodaConstants.NanosecondsPerDay)
            || (time.Date == FirstDate && utcNanosecondOfDay < 0);
        return outside ? null : time.ToInstant();
    }
}
