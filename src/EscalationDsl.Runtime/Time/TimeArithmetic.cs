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

    private const string Paused = "the SLA clock is paused: no deadline until it resumes";

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

    /// <summary>
    /// Adds wall-clock milliseconds, skipping pauses. The deadline is found by binary search on the counted
    /// time before each pause, so a wait that spans thousands of pauses costs no more than a few.
    /// </summary>
    public static long? AddWallClock(long start, long amount, PauseSet? pauses, List<string>? trace = null)
    {
        if (pauses is null || pauses.Count == 0)
        {
            return start + amount;
        }

        var cursor = pauses.SkipPaused(start);
        if (cursor == PauseSet.Open)
        {
            trace?.Add(Paused);
            return null;
        }

        // Counted time: an instant's distance from the epoch less the pauses before it. The deadline is at
        // the counted time of the cursor plus the amount, before the first pause that starts at or after it.
        var first = pauses.FirstAfter(cursor);
        var target = cursor - pauses.PausedBefore(first) + amount;
        int low = first, high = pauses.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (pauses.From(middle) - pauses.PausedBefore(middle) >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        var open = low == pauses.Count && pauses.IsPaused;
        long? due = open ? null : target + pauses.PausedBefore(low);
        if (trace is not null)
        {
            TraceWallClock(new StretchLines(trace), pauses, cursor, cursor != start, first, low, due);
            if (due is null)
            {
                trace.Add(Paused);
            }
        }

        return due;
    }

    /// <summary>
    /// Says each stretch between pauses, the one after a pause from the pause's end, so the sum adds up
    /// (09:00 + 8h = 19:00: 1h30m before a pause at 10:30, then 6h30m from its end at 12:30); of a wait over
    /// many pauses, only the first and last few (<see cref="StretchLines"/>).
    /// </summary>
    /// <param name="lines">Where the stretches go.</param>
    /// <param name="pauses">The ticket's pauses.</param>
    /// <param name="cursor">Where counting starts: the start, or the end of the pause it lies in.</param>
    /// <param name="afterPause">The start lay in a pause.</param>
    /// <param name="first">The first pause after the cursor.</param>
    /// <param name="end">The pause the deadline lies before (<see cref="PauseSet.Count"/> for after the last).</param>
    /// <param name="due">The deadline, or null when the clock is paused before it.</param>
    private static void TraceWallClock(StretchLines lines, PauseSet pauses, long cursor, bool afterPause, int first, int end, long? due)
    {
        // Stretch k runs from the cursor (k = 0) or the end of pause first + k - 1 to the start of pause first + k.
        long From(int k) => k == 0 ? cursor : pauses.To(first + k - 1);
        void Add(int k)
        {
            var from = From(k);
            var to = pauses.From(first + k);
            lines.Add(to - from, k > 0 || afterPause
                ? string.Create(CultureInfo.InvariantCulture, $"{Span(to - from)} from {Utc(from)}, when the pause ended, to the pause at {Utc(to)}")
                : string.Create(CultureInfo.InvariantCulture, $"{Span(to - from)} counted before the pause at {Utc(to)}"));
        }

        var full = end - first;
        var tail = due is null ? full : full + 1;
        for (var k = 0; k < full; k++)
        {
            if (k >= StretchLines.Shown && k < tail - StretchLines.Shown)
            {
                // Counted time between the hidden stretches' ends is what they count in all.
                var skipTo = tail - StretchLines.Shown;
                lines.Skip(skipTo - k, pauses.From(first + skipTo - 1) - pauses.PausedBefore(first + skipTo - 1) - (From(k) - pauses.PausedBefore(first + k)));
                k = skipTo - 1;
                continue;
            }

            Add(k);
        }

        if (due is { } at && (full > 0 || afterPause))
        {
            var from = From(full);
            lines.Add(at - from, string.Create(CultureInfo.InvariantCulture, $"{Span(at - from)} from {Utc(from)}, when the pause ended"));
        }

        lines.Flush();
    }

    /// <summary>Adds business minutes on the calendar, skipping pauses.</summary>
    public static long? AddBusinessMinutes(long start, long minutes, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace = null) =>
        AddBusinessTime(start, minutes * MinuteMs, calendar, pauses, trace);

    /// <summary>Adds business milliseconds on the calendar, skipping pauses.</summary>
    private static long? AddBusinessTime(long start, long amount, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace)
    {
        var lines = trace is null ? null : new StretchLines(trace);
        var remaining = amount;
        var cursor = start;
        while (true)
        {
            if (pauses is not null)
            {
                cursor = pauses.SkipPaused(cursor);
                if (cursor == PauseSet.Open)
                {
                    lines?.Flush();
                    trace?.Add(Paused);
                    return null;
                }
            }

            if (calendar.NextInterval(cursor) is not { } interval)
            {
                lines?.Flush();
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
                lines?.Add(remaining, $"{Span(remaining)} from {calendar.Describe(a)}");
                lines?.Flush();
                return a + remaining;
            }

            lines?.Add(b - a, $"{Span(b - a)} from {calendar.Describe(a)} to {calendar.Describe(b)}");
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
            trace?.Add(Paused);
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
