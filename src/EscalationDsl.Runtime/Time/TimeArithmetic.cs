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

    /// <summary>
    /// Adds business milliseconds on the calendar, skipping pauses: interval by interval for the first few
    /// stretches, then, for a longer wait, in one leap on the calendar's running totals (<see cref="Leap"/>).
    /// </summary>
    private static long? AddBusinessTime(long start, long amount, BusinessCalendar calendar, PauseSet? pauses, List<string>? trace)
    {
        var lines = trace is null ? null : new StretchLines(trace);
        var remaining = amount;
        var cursor = start;
        for (var walked = 0; ; walked++)
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

            if (walked == Walked && Leap(cursor, remaining, calendar, pauses, lines, out var due))
            {
                lines?.Flush();
                if (due is null)
                {
                    trace?.Add(Paused);
                }

                return due;
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
    /// How many steps of a business-time wait are walked before the rest is found by <see cref="Leap"/>: most
    /// waits end within them, and a walk of a few intervals costs less than the totals' look-ups.
    /// </summary>
    private const int Walked = 8;

    /// <summary>
    /// The rest of a business-time wait from <paramref name="cursor"/> (not paused) in a few steps: the counted time
    /// of an instant is the business time before it less the business time paused before it, both running totals
    /// (<see cref="BusinessLedger"/>, <see cref="PausedBusiness"/>), so the pause before which the wait ends is found
    /// by binary search on the counted time at each pause's start, as <see cref="AddWallClock"/> does, and the
    /// deadline from the calendar's totals. The trace gets the stretches the walk would give: how many, what they
    /// count, and the last few walked back from the deadline. False when the totals cannot cover the wait (a calendar
    /// with years without business hours, or one beyond the ledger's span): the walk goes on.
    /// </summary>
    /// <param name="cursor">Where counting goes on: not paused.</param>
    /// <param name="amount">The business milliseconds left to count.</param>
    /// <param name="calendar">The calendar.</param>
    /// <param name="pauses">The ticket's pauses, or null.</param>
    /// <param name="lines">Where the stretches go, when tracing.</param>
    /// <param name="due">The deadline, or null when the clock is paused before it.</param>
    private static bool Leap(long cursor, long amount, BusinessCalendar calendar, PauseSet? pauses, StretchLines? lines, out long? due)
    {
        due = null;
        var ledger = calendar.Ledger;
        var paused = pauses?.BusinessOn(calendar);
        var count = pauses?.Count ?? 0;
        var first = pauses?.FirstAfter(cursor) ?? 0;
        if (amount <= 0 || ledger.Totals(cursor) is not { } from || Before(pauses, paused, first) is not { } before)
        {
            return false;
        }

        // The counted time at the deadline; pause i starts at counted time Business(From(i)) - paused before it.
        var target = from.Business - before.Business + amount;
        int low = first, high = count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ledger.Business(pauses!.From(middle)) is not { } at || Before(pauses, paused, middle) is not { } pausedBefore)
            {
                return false;
            }

            if (at - pausedBefore.Business >= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        // After the last pause, when it is still open, the clock has stopped: the stretches run to its start.
        var open = low == count && pauses is { IsPaused: true };
        var end = open ? count - 1 : low;
        if (Before(pauses, paused, end) is not { } upTo
            || (open ? pauses!.From(end) : ledger.ReachedAt(target + upTo.Business)) is not { } reached
            || ledger.Totals(reached) is not { } to)
        {
            return false;
        }

        if (lines is not null)
        {
            var stretches = to.Starts - from.Starts + (calendar.IsInsideInterval(cursor) ? 1 : 0) + upTo.Stretches - before.Stretches;
            var counted = to.Business - from.Business - (upTo.Business - before.Business);
            TraceLeap(lines, calendar, pauses, cursor, reached, open, stretches, counted);
        }

        due = open ? null : reached;
        return true;
    }

    private static (long Business, long Stretches)? Before(PauseSet? pauses, PausedBusiness? paused, int i) =>
        pauses is null || paused is null ? (0, 0) : paused.Before(pauses, i);

    /// <summary>
    /// Gives the stretches of a leap: <paramref name="stretches"/> counting <paramref name="counted"/> in all, from
    /// <paramref name="cursor"/> to <paramref name="due"/> (the deadline, or the start of the open pause), of which
    /// the last <see cref="StretchLines.Shown"/> are found by walking back from there.
    /// </summary>
    private static void TraceLeap(StretchLines lines, BusinessCalendar calendar, PauseSet? pauses, long cursor, long due, bool open, long stretches, long counted)
    {
        var last = new List<(long From, long To)>(StretchLines.Shown);
        for (var at = due; last.Count < Math.Min(stretches, StretchLines.Shown) && calendar.PreviousInterval(at) is { } interval;)
        {
            var (a, b) = interval;
            var i = pauses is null ? -1 : pauses.FirstAfter(b - 1) - 1;
            if (i >= 0 && pauses!.To(i) >= b)
            {
                at = pauses.From(i); // the interval's end is paused: look before the pause
                continue;
            }

            a = Math.Max(cursor, i >= 0 && pauses!.To(i) > a ? pauses.To(i) : a);
            last.Add((a, b));
            at = a;
        }

        var shown = last.Sum(s => s.To - s.From);
        lines.Skip((int)(stretches - last.Count), counted - shown);
        for (var k = last.Count - 1; k >= 0; k--)
        {
            var (a, b) = last[k];
            lines.Add(b - a, k == 0 && !open
                ? $"{Span(b - a)} from {calendar.Describe(a)}"
                : $"{Span(b - a)} from {calendar.Describe(a)} to {calendar.Describe(b)}");
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

        if ((calendar.Ledger.NthBusinessDay(day, days) ?? WalkBusinessDays(calendar, day, days)) is not { } target)
        {
            trace?.Add($"calendar '{calendar.Name}' has no business hours in the next ten years");
            return null;
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

        var paused = PausedBusinessBetween(start, result, calendar, pauses);
        if (paused == 0)
        {
            return result;
        }

        trace?.Add($"plus {Span(paused)} of business time that was paused");
        return AddBusinessTime(result, paused, calendar, pauses, trace);
    }

    /// <summary>
    /// The day number of the <paramref name="days"/>-th business day after <paramref name="day"/>, day by day (when the
    /// calendar's ledger cannot say). Each next business day is looked for as far ahead as NextInterval looks:
    /// holidays that run on for longer leave no deadline rather than a walk to the end of the calendar.
    /// </summary>
    private static int? WalkBusinessDays(BusinessCalendar calendar, int day, int days)
    {
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
                return null;
            }
        }

        return target;
    }

    /// <summary>
    /// Business milliseconds paused inside [<paramref name="from"/>, <paramref name="to"/>), no pause in it open: the
    /// pauses at either end (which may reach past it) measured, those between from the running totals.
    /// </summary>
    private static long PausedBusinessBetween(long from, long to, BusinessCalendar calendar, PauseSet pauses)
    {
        // The first pause that ends after from, and the first that starts at or after to.
        var first = pauses.FirstAfter(from);
        first = first > 0 && pauses.To(first - 1) > from ? first - 1 : first;
        var end = pauses.FirstAfter(to - 1);
        long Part(int i) => calendar.BusinessBetween(Math.Max(from, pauses.From(i)), Math.Min(to, pauses.To(i)));

        var totals = pauses.BusinessOn(calendar);
        if (end - first > 2 && totals.Before(pauses, first + 1) is { } after && totals.Before(pauses, end - 1) is { } before)
        {
            return Part(first) + before.Business - after.Business + Part(end - 1);
        }

        long paused = 0;
        for (var i = first; i < end; i++)
        {
            paused += Part(i);
        }

        return paused;
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
