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
    /// <summary>How many days ahead business hours are looked for ("in the next ten years").</summary>
    internal const int MaxSearchDays = 3700;

    // docs/runtime.md: a local time in the spring-forward gap maps to the end of the gap (NodaTime's
    // LenientResolver would shift it forward by the gap's length: 02:30 to 03:30, not 03:00); an
    // ambiguous one takes its first occurrence, so a range over the repeated hour counts it twice.
    private static readonly ZoneLocalMappingResolver Lenient =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private const long DayMs = 86_400_000;

    /// <summary>How many days <see cref="dayTable"/> covers: about eleven years, 32 KB of references.</summary>
    private const int TableDays = 4096;

    /// <summary>The day number (<see cref="DateOnly.DayNumber"/>) of 1970-01-01.</summary>
    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;

    private readonly ConcurrentDictionary<int, long[]> dayCache = new();

    /// <summary>
    /// The days already computed around the first day asked for, indexed by day number: deadlines ask for
    /// the same few hundred days over and over, and an array read is much cheaper than the dictionary.
    /// Days outside it are kept only in <see cref="dayCache"/>, which stays the source of each day's array.
    /// </summary>
    private DayTable? dayTable;

    /// <summary>The zone's offset interval last used to find a local date, so most lookups skip the zone.</summary>
    private ZoneSpan? zoneSpan;

    /// <summary>Wraps a bound calendar.</summary>
    public BusinessCalendar(CalendarModel model)
    {
        Model = model;
        Ledger = new BusinessLedger(this);
    }

    /// <summary>Running totals of the calendar's business time, for waits that span many intervals.</summary>
    internal BusinessLedger Ledger { get; }

    /// <summary>The calendar as declared.</summary>
    public CalendarModel Model { get; }

    /// <summary>The calendar's name.</summary>
    public string Name => Model.Name;

    /// <summary>
    /// The business intervals of a local date as [start, end) pairs of Unix milliseconds
    /// (empty on holidays, days without hours and days whose hours fall in a skipped stretch of time).
    /// </summary>
    public long[] IntervalsOn(LocalDate date) => IntervalsOnDay(date.ToDateOnly().DayNumber);

    /// <summary>The business intervals of a local date given as its day number (<see cref="DateOnly.DayNumber"/>).</summary>
    internal long[] IntervalsOnDay(int day)
    {
        if (dayTable is { } table && (uint)(day - table.First) < TableDays && Volatile.Read(ref table.Days[day - table.First]) is { } known)
        {
            return known;
        }

        var intervals = dayCache.GetOrAdd(day, static (d, calendar) => calendar.ComputeIntervals(LocalDate.FromDateOnly(DateOnly.FromDayNumber(d))), this);

        // The table starts a quarter of its length before the first day asked for; racing threads may each
        // install one, and a day lost that way is simply read from the dictionary again.
        table = dayTable ??= new DayTable(day - TableDays / 4, new long[]?[TableDays]);
        if ((uint)(day - table.First) < TableDays)
        {
            Volatile.Write(ref table.Days[day - table.First], intervals);
        }

        return intervals;
    }

    /// <summary>True when <paramref name="at"/> lies inside business hours.</summary>
    public bool IsOpen(long at)
    {
        var intervals = IntervalsOnDay(BusinessDayOf(at));
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
    /// The day number (<see cref="DateOnly.DayNumber"/>) of an instant's local date in the calendar's zone:
    /// the instant plus the zone's offset then, in whole days, as <see cref="LocalDateOf"/> has it.
    /// </summary>
    internal int DayOf(long at)
    {
        var span = zoneSpan;
        if (span is null || at < span.Start || at >= span.End)
        {
            var interval = Model.Zone.GetZoneInterval(Instant.FromUnixTimeMilliseconds(at));
            span = zoneSpan = new ZoneSpan(
                interval.HasStart ? interval.Start.ToUnixTimeMilliseconds() : long.MinValue,
                interval.HasEnd ? interval.End.ToUnixTimeMilliseconds() : long.MaxValue,
                interval.WallOffset.Milliseconds);
        }

        var local = at + span.Offset;
        var days = local / DayMs;
        return UnixEpochDay + (int)(local % DayMs < 0 ? days - 1 : days);
    }

    /// <summary>
    /// The day number of the date whose business intervals may hold <paramref name="at"/>: its local date,
    /// or the next one when <paramref name="at"/> is past that date's last interval. The two differ only
    /// where the zone stepped back over midnight (St. John's fell back from 00:01 to 23:01 until 2011):
    /// a date's hours end when its 24:00 first comes, so the repeated late evening belongs to the next
    /// date's hours. No zone steps back by more than a day, so the next date is as far as it goes.
    /// </summary>
    internal int BusinessDayOf(long at)
    {
        var day = DayOf(at);
        var intervals = IntervalsOnDay(day);
        return intervals.Length == 0 || at >= intervals[^1] ? day + 1 : day;
    }

    /// <summary>
    /// The next business interval that ends after <paramref name="cursor"/>, clipped to start no
    /// earlier than it. Null when none exists in the next ten years.
    /// </summary>
    public (long Start, long End)? NextInterval(long cursor)
    {
        var day = DayOf(cursor);
        for (var d = 0; d < MaxSearchDays; d++, day++)
        {
            var intervals = IntervalsOnDay(day);
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

    /// <summary>
    /// The last business interval that starts before <paramref name="cursor"/>, clipped to end no later than it
    /// (<see cref="NextInterval"/> looking back). Null when none exists in the last ten years.
    /// </summary>
    internal (long Start, long End)? PreviousInterval(long cursor)
    {
        // The day after the local date's may hold the instant (a zone that stepped back over midnight); later days start after it.
        var day = DayOf(cursor) + 1;
        for (var d = 0; d < MaxSearchDays; d++, day--)
        {
            var intervals = IntervalsOnDay(day);
            for (var i = intervals.Length - 2; i >= 0; i -= 2)
            {
                if (intervals[i] < cursor)
                {
                    return (intervals[i], Math.Min(intervals[i + 1], cursor));
                }
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="at"/> lies inside a business interval, after its start.</summary>
    internal bool IsInsideInterval(long at)
    {
        for (var day = DayOf(at) - 1; day <= DayOf(at) + 1; day++)
        {
            var intervals = IntervalsOnDay(day);
            for (var i = 0; i < intervals.Length; i += 2)
            {
                if (intervals[i] < at && at < intervals[i + 1])
                {
                    return true;
                }
            }
        }

        return false;
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

        // A range inside a spring-forward gap (or on a date the zone skipped) maps to an empty interval:
        // it is left out, so a date with no business time has no intervals and is no business day.
        var ranges = Model.HoursOn(date.DayOfWeek);
        var result = new List<long>(ranges.Length * 2);
        foreach (var range in ranges)
        {
            var start = ToInstant(date, range.StartMinute);
            var end = ToInstant(date, range.EndMinute);
            if (end > start)
            {
                result.Add(start);
                result.Add(end);
            }
        }

        return [.. result];
    }

    private long ToInstant(LocalDate date, int minuteOfDay)
    {
        var local = minuteOfDay >= 1440
            ? date.PlusDays(1).AtMidnight()
            : date.AtMidnight().PlusMinutes(minuteOfDay);
        return Model.Zone.ResolveLocal(local, Lenient).ToInstant().ToUnixTimeMilliseconds();
    }

    /// <summary>The computed days from day number <paramref name="First"/> on (null: not computed yet).</summary>
    private sealed record DayTable(int First, long[]?[] Days);

    /// <summary>An interval of the zone with one offset: [<paramref name="Start"/>, <paramref name="End"/>) in Unix milliseconds.</summary>
    private sealed record ZoneSpan(long Start, long End, long Offset);
}
