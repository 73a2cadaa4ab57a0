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

    /// <summary>How the span is written in messages.</summary>
    public const string Text = "from 1970-01-01 to the end of 2199 (UTC)";

    /// <summary>True when <paramref name="at"/> lies in the span.</summary>
    public static bool Contains(Instant at) => at >= Earliest && at < End;
}
