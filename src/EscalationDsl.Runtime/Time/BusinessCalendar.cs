using System.Collections.Concurrent;
using System.Globalization;
using EscalationDsl.Language.Semantics;
using NodaTime;
using NodaTime.TimeZones;

namespace EscalationDsl.Runtime.Time;

/// <summary>
/// Business-time arithmetic on one calendar: weekly hours in local time, holidays, and both DST
/// transitions (local times are mapped leniently: a time in the skipped hour moves to the end of the
/// gap, an ambiguous one takes the earlier instant). Instants are Unix milliseconds. Thread-safe.
/// </summary>
public sealed class BusinessCalendar
{
    private const int MaxSearchDays = 3700;

    // docs/runtime.md: a local time in the spring-forward gap maps to the end of the gap (NodaTime's
    // LenientResolver would shift it forward by the gap's length: 02:30 to 03:30, not 03:00); an
    // ambiguous one takes its first occurrence, so a range over the repeated hour counts it twice.
    private static readonly ZoneLocalMappingResolver Lenient =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private readonly ConcurrentDictionary<int, long[]> dayCache = new();

    /// <summary>Wraps a bound calendar.</summary>
    public BusinessCalendar(CalendarModel model)
    {
        Model = model;
    }

    /// <summary>The calendar as declared.</summary>
    public CalendarModel Model { get; }

    /// <summary>The calendar's name.</summary>
    public string Name => Model.Name;

    /// <summary>
    /// The business intervals of a local date as [start, end) pairs of Unix milliseconds
    /// (empty on holidays and days without hours).
    /// </summary>
    public long[] IntervalsOn(LocalDate date) =>
        dayCache.GetOrAdd(date.ToDateOnly().DayNumber, static (_, state) => state.Calendar.ComputeIntervals(state.Date), (Calendar: this, Date: date));

    /// <summary>True when <paramref name="at"/> lies inside business hours.</summary>
    public bool IsOpen(long at)
    {
        var intervals = IntervalsOn(LocalDateOf(at));
        for (var i = 0; i < intervals.Length; i += 2)
        {
            if (at >= intervals[i] && at < intervals[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The local date of an instant in the calendar's zone.</summary>
    public LocalDate LocalDateOf(long at) => Instant.FromUnixTimeMilliseconds(at).InZone(Model.Zone).Date;

    /// <summary>
    /// The next business interval that ends after <paramref name="cursor"/>, clipped to start no
    /// earlier than it. Null when none exists in the next ten years.
    /// </summary>
    public (long Start, long End)? NextInterval(long cursor)
    {
        var date = LocalDateOf(cursor);
        for (var d = 0; d < MaxSearchDays; d++, date = date.PlusDays(1))
        {
            var intervals = IntervalsOn(date);
            for (var i = 0; i < intervals.Length; i += 2)
            {
                if (intervals[i + 1] > cursor)
                {
                    return (Math.Max(intervals[i], cursor), intervals[i + 1]);
                }
            }
        }

        return null;
    }

    /// <summary>Business milliseconds inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long BusinessBetween(long from, long to)
    {
        long total = 0;
        var cursor = from;
        while (cursor < to && NextInterval(cursor) is { } segment && segment.Start < to)
        {
            total += Math.Min(segment.End, to) - segment.Start;
            cursor = segment.End;
        }

        return total;
    }

    /// <summary>Formats an instant in the calendar's zone for traces: <c>Fri 2026-11-27 16:00 EST</c>.</summary>
    public string Describe(long at)
    {
        var zoned = Instant.FromUnixTimeMilliseconds(at).InZone(Model.Zone);
        return zoned.ToString("ddd uuuu-MM-dd HH:mm x", CultureInfo.InvariantCulture);
    }

    private long[] ComputeIntervals(LocalDate date)
    {
        if (Model.IsHoliday(date))
        {
            return [];
        }

        var ranges = Model.HoursOn(date.DayOfWeek);
        var result = new long[ranges.Length * 2];
        for (var i = 0; i < ranges.Length; i++)
        {
            result[2 * i] = ToInstant(date, ranges[i].StartMinute);
            result[2 * i + 1] = ToInstant(date, ranges[i].EndMinute);
        }

        return result;
    }

    private long ToInstant(LocalDate date, int minuteOfDay)
    {
        var local = minuteOfDay >= 1440
            ? date.PlusDays(1).AtMidnight()
            : date.AtMidnight().PlusMinutes(minuteOfDay);
        return Model.Zone.ResolveLocal(local, Lenient).ToInstant().ToUnixTimeMilliseconds();
    }
}
