using System.Globalization;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Time;

/// <summary>
/// Adds policy durations to instants, skipping paused time: wall-clock durations count every
/// millisecond that is not paused; business durations count only business hours that are not
/// paused. Returns null when the result lies beyond an open pause (the clock is stopped).
/// </summary>
public static class TimeArithmetic
{
    private const long MinuteMs = 60_000;

    /// <summary>Adds a duration (wall-clock or business) to <paramref name="start"/>.</summary>
    /// <param name="start">Unix milliseconds.</param>
    /// <param name="duration">The duration as the policy states it.</param>
    /// <param name="calendar">The runtime calendar for business durations (ignored for wall-clock).</param>
    /// <param name="pauses">The ticket's pauses, or null.</param>
    /// <param name="trace">When not null, receives the arithmetic step by step (for `esc explain`).</param>
    public static long? Add(long start, DurationModel duration, BusinessCalendar? calendar, PauseSet? pauses, List<string>? trace = null) =>
        duration switch
        {
            WallClockDuration w => AddWallClock(start, (long)w.Value.TotalMilliseconds, pauses, trace),
            BusinessDuration { Days: > 0 } b => AddBusinessDays(start, b.Days, calendar!, pauses, trace),
            BusinessDuration b => AddBusinessMinutes(start, b.Minutes, calendar!, pauses, trace),
            _ => null,
        };

    /// <summary>Adds wall-clock milliseconds, skipping pauses.</summary>
    public static long? AddWallClock(long start, long amount, PauseSet? pauses, List<string>? trace = null)
    {
        if (pauses is null || pauses.Count == 0)
        {
            return start + amount;
        }

        var remaining = amount;
        var cursor = start;
        while (true)
        {
            var resumed = pauses.SkipPaused(cursor);
            if (resumed == PauseSet.Open)
            {
                trace?.Add("the SLA clock is paused: no deadline until it resumes");
                return null;
            }

            // Each stretch between pauses is said, the one after a pause from the pause's end, so the sum adds
            // up (09:00 + 8h = 19:00: 1h30m before a pause at 10:30, then 6h30m from its end at 12:30).
            var afterPause = resumed != cursor;
            cursor = resumed;
            var segmentEnd = pauses.NextPauseAfter(cursor);
            var available = segmentEnd == PauseSet.Open ? long.MaxValue : segmentEnd - cursor;
            if (remaining <= available)
            {
                if (afterPause)
                {
                    trace?.Add(string.Create(CultureInfo.InvariantCulture, $"{Span(remaining)} from {Utc(cursor)}, when the pause ended"));
                }

                return cursor + remaining;
            }

            trace?.Add(afterPause
                ? string.Create(CultureInfo.InvariantCulture, $"{Span(available)} from {Utc(cursor)}, when the pause ended, to the pause at {Utc(segmentEnd)}")
                : string.Create(CultureInfo.InvariantCulture, $"{Span(available)} counted before the pause at {Utc(segmentEnd)}"));
            remaining -= available;
            cursor = segmentEnd;
        }
    }

    /// <summary>Adds business minutes on the calendar, skipping pauses.</summary>
    public static long? AddBusinessMinutes(long start, long minutes, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace = null) =>
        AddBusinessTime(start, minutes * MinuteMs, calendar, pauses, trace);

    /// <summary>Adds business milliseconds on the calendar, skipping pauses.</summary>
    private static long? AddBusinessTime(long start, long amount, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace)
    {
        var remaining = amount;
        var cursor = start;
        while (true)
        {
            if (pauses is not null)
            {
                cursor = pauses.SkipPaused(cursor);
                if (cursor == PauseSet.Open)
                {
                    trace?.Add("the SLA clock is paused: no deadline until it resumes");
                    return null;
                }
            }

            if (calendar.NextInterval(cursor) is not { } interval)
            {
                trace?.Add($"calendar '{calendar.Name}' has no business hours in the next ten years");
                return null;
            }

            var (a, b) = interval;
            if (pauses is not null)
            {
                var skipped = pauses.SkipPaused(a);
                if (skipped != a)
                {
                    cursor = skipped;
                    continue;
                }

                b = Math.Min(b, pauses.NextPauseAfter(a));
            }

            if (remaining <= b - a)
            {
                trace?.Add($"{Span(remaining)} from {calendar.Describe(a)}");
                return a + remaining;
            }

            trace?.Add($"{Span(b - a)} from {calendar.Describe(a)} to {calendar.Describe(b)}");
            remaining -= b - a;
            cursor = b;
        }
    }

    /// <summary>
    /// Adds business days: the same point of the business day, <paramref name="days"/> business days
    /// later (clamped to the end of a shorter day). Paused business time inside the span is then added
    /// on as business time, to the millisecond (pauses start and end on whole seconds).
    /// </summary>
    public static long? AddBusinessDays(long start, int days, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace = null)
    {
        if (calendar.NextInterval(start) is not { } first)
        {
            trace?.Add($"calendar '{calendar.Name}' has no business hours in the next ten years");
            return null;
        }

        var begin = first.Start;
        var day = calendar.BusinessDayOf(begin);
        var today = calendar.IntervalsOnDay(day);
        long position = 0;
        for (var i = 0; i < today.Length; i += 2)
        {
            if (today[i + 1] <= begin)
            {
                position += today[i + 1] - today[i];
            }
            else if (today[i] < begin)
            {
                position += begin - today[i];
            }
        }

        // Each next business day is looked for as far ahead as NextInterval looks: holidays that run on
        // for longer leave no deadline rather than a walk to the end of the calendar.
        var target = day;
        for (int n = 0, idle = 0; n < days;)
        {
            target++;
            if (calendar.IntervalsOnDay(target).Length > 0)
            {
                n++;
                idle = 0;
            }
            else if (++idle >= BusinessCalendar.MaxSearchDays)
            {
                trace?.Add($"calendar '{calendar.Name}' has no business hours in the next ten years");
                return null;
            }
        }

        var intervals = calendar.IntervalsOnDay(target);
        var result = intervals[^1];
        var left = position;
        for (var i = 0; i < intervals.Length; i += 2)
        {
            var length = intervals[i + 1] - intervals[i];
            if (left < length)
            {
                result = intervals[i] + left;
                break;
            }

            left -= length;
        }

        trace?.Add($"{days} business day{(days == 1 ? "" : "s")} from {calendar.Describe(begin)} ({Span(position)} into that business day) is {calendar.Describe(result)}");
        if (pauses is null || pauses.Count == 0)
        {
            return result;
        }

        if (pauses.IsPaused && pauses.From(pauses.Count - 1) < result)
        {
            trace?.Add("the SLA clock is paused: no deadline until it resumes");
            return null;
        }

        long paused = 0;
        for (var i = 0; i < pauses.Count; i++)
        {
            var a = Math.Max(start, pauses.From(i));
            var b = Math.Min(result, pauses.To(i));
            if (b > a)
            {
                paused += calendar.BusinessBetween(a, b);
            }
        }

        if (paused == 0)
        {
            return result;
        }

        trace?.Add($"plus {Span(paused)} of business time that was paused");
        return AddBusinessTime(result, paused, calendar, pauses, trace);
    }

    /// <summary>
    /// Formats milliseconds as hours, minutes and seconds for traces, leaving out parts that are zero:
    /// <c>1h30m</c>, <c>1m30s</c>, <c>0m</c>. Seconds are shown because pauses and event times are not
    /// whole minutes; what is under a second is not.
    /// </summary>
    public static string Span(long ms)
    {
        var seconds = ms / 1000;
        var text = string.Concat(
            seconds >= 3600 ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h") : "",
            seconds % 3600 >= 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds % 3600 / 60}m") : "",
            seconds % 60 > 0 ? string.Create(CultureInfo.InvariantCulture, $"{seconds % 60}s") : "");
        return text.Length == 0 ? "0m" : text;
    }

    private static string Utc(long ms) =>
        NodaTime.Instant.FromUnixTimeMilliseconds(ms).ToString("uuuu-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
}
