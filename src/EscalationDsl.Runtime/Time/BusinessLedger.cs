namespace EscalationDsl.Runtime.Time;

/// <summary>
/// Running totals of one calendar, day by day: the business time, the business intervals and the business days
/// before each day, counted from the first day it was asked about. The business time between two instants, the
/// instant by which an amount of it has passed, or the N-th business day after a date are then found in a few
/// steps instead of by walking every interval in between: a wait of thousands of business hours is recomputed at
/// every pause and resume of a ticket. Grows in both directions as instants are asked about, by doubling, up to
/// <see cref="MaxDays"/> days. A calendar with a run of <see cref="LongestEmptyRun"/> days without business hours in
/// that span has no usable ledger (null from every query): those answers depend on how far
/// <see cref="BusinessCalendar.NextInterval"/> looks ("in the next ten years"), and the step-by-step walk gives them.
/// Thread-safe: a grown ledger is a new snapshot, and totals never move (they count from the first day asked about).
/// </summary>
internal sealed class BusinessLedger(BusinessCalendar calendar)
{
    /// <summary>The most days a ledger covers: about 110 years, 640 KB.</summary>
    internal const int MaxDays = 40_000;

    /// <summary>A run of days without business hours this long makes the ledger unusable (see the class remarks).</summary>
    internal const int LongestEmptyRun = 3000;

    private readonly Lock gate = new();
    private Snapshot? current;
    private bool unusable;

    /// <summary>
    /// Business milliseconds before <paramref name="at"/> since the ledger's origin (negative before it); only
    /// differences mean anything. Null when the ledger cannot cover it.
    /// </summary>
    public long? Business(long at) => Totals(at) is { } totals ? totals.Business : null;

    /// <summary>How many business intervals start before <paramref name="at"/>, since the origin (as <see cref="Business"/>).</summary>
    public long? Starts(long at) => Totals(at) is { } totals ? totals.Starts : null;

    /// <summary>Both totals before <paramref name="at"/>; null when the ledger cannot cover it.</summary>
    public (long Business, long Starts)? Totals(long at)
    {
        // The intervals of days before the local date's day before yesterday end before any instant of that date,
        // and those of the day after tomorrow start after it (no zone steps back by a day or more).
        var day = calendar.DayOf(at) - 2;
        if (Cover(day, day + 4) is not { } snapshot)
        {
            return null;
        }

        var business = snapshot.Business[day - snapshot.First];
        long starts = snapshot.Starts[day - snapshot.First];
        for (var d = day; d < day + 4; d++)
        {
            var intervals = calendar.IntervalsOnDay(d);
            for (var i = 0; i < intervals.Length && intervals[i] < at; i += 2)
            {
                business += Math.Min(intervals[i + 1], at) - intervals[i];
                starts++;
            }
        }

        return (business, starts);
    }

    /// <summary>
    /// The first instant at which <see cref="Business"/> reaches <paramref name="total"/>, which must lie after an
    /// instant the ledger covers. Null when the ledger cannot reach it.
    /// </summary>
    public long? ReachedAt(long total)
    {
        var snapshot = Volatile.Read(ref current);
        while (snapshot is not null && snapshot.Business[^1] < total)
        {
            snapshot = Cover(snapshot.First, snapshot.First + 2 * (snapshot.Business.Length - 1));
        }

        // The day on which the total is reached: the one before the first whose running total reaches it.
        var index = snapshot is null ? 0 : LowerBound(snapshot.Business, total) - 1;
        if (snapshot is null || index < 0)
        {
            return null;
        }

        var left = total - snapshot.Business[index];
        var intervals = calendar.IntervalsOnDay(snapshot.First + index);
        for (var i = 0; i < intervals.Length; i += 2)
        {
            var length = intervals[i + 1] - intervals[i];
            if (left <= length)
            {
                return intervals[i] + left;
            }

            left -= length;
        }

        return null; // unreachable: the day's intervals add up to its total
    }

    /// <summary>
    /// The day number of the <paramref name="n"/>-th date after <paramref name="day"/> that has business hours;
    /// null when the ledger cannot reach it.
    /// </summary>
    public int? NthBusinessDay(int day, int n)
    {
        var snapshot = Cover(day + 1, day + 2);
        var wanted = snapshot is null ? 0 : snapshot.Days[day + 1 - snapshot.First] + n;
        while (snapshot is not null && snapshot.Days[^1] < wanted)
        {
            snapshot = Cover(snapshot.First, snapshot.First + 2 * (snapshot.Days.Length - 1));
        }

        // The running count after the wanted day is the first to reach the wanted count.
        return snapshot is null ? null : snapshot.First + LowerBound(snapshot.Days, wanted) - 1;
    }

    private static int LowerBound<T>(T[] totals, T value)
        where T : System.Numerics.INumber<T>
    {
        int low = 0, high = totals.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (totals[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>A snapshot covering days [<paramref name="from"/>, <paramref name="to"/>), grown if needed; null when it cannot.</summary>
    private Snapshot? Cover(int from, int to)
    {
        var snapshot = Volatile.Read(ref current);
        if (snapshot is not null && from >= snapshot.First && to <= snapshot.First + snapshot.Business.Length - 1)
        {
            return snapshot;
        }

        lock (gate)
        {
            if (unusable)
            {
                return null;
            }

            snapshot = current;
            if (snapshot is null)
            {
                snapshot = new Snapshot(from, [0], [0], [0]);
            }

            var end = snapshot.First + snapshot.Business.Length - 1;
            if (from >= snapshot.First && to <= end)
            {
                return snapshot;
            }

            // Grow by at least the ledger's length on the side that needs it, so a long walk grows it a few times;
            // near the cap, only by what is asked.
            var length = Math.Max(end - snapshot.First, 64);
            var first = from < snapshot.First ? Math.Min(from, snapshot.First - length) : snapshot.First;
            var last = to > end ? Math.Max(to, end + length) : end;
            if ((long)last - first > MaxDays)
            {
                first = Math.Min(from, snapshot.First);
                last = Math.Max(to, end);
                if ((long)last - first > MaxDays)
                {
                    return null;
                }
            }

            var grown = Grow(snapshot, first, last);
            if (grown is null)
            {
                unusable = true;
                return null;
            }

            Volatile.Write(ref current, grown);
            return grown;
        }
    }

    /// <summary>The snapshot extended to days [<paramref name="first"/>, <paramref name="last"/>); null if it has too long a run of empty days.</summary>
    private Snapshot? Grow(Snapshot old, int first, int last)
    {
        var n = last - first;
        var business = new long[n + 1];
        var starts = new int[n + 1];
        var days = new int[n + 1];
        var shift = old.First - first;
        Array.Copy(old.Business, 0, business, shift, old.Business.Length);
        Array.Copy(old.Starts, 0, starts, shift, old.Starts.Length);
        Array.Copy(old.Days, 0, days, shift, old.Days.Length);

        for (var i = shift - 1; i >= 0; i--)
        {
            var (ms, count) = DayTotals(first + i);
            business[i] = business[i + 1] - ms;
            starts[i] = starts[i + 1] - count;
            days[i] = days[i + 1] - (count > 0 ? 1 : 0);
        }

        for (var i = shift + old.Business.Length - 1; i < n; i++)
        {
            var (ms, count) = DayTotals(first + i);
            business[i + 1] = business[i] + ms;
            starts[i + 1] = starts[i] + count;
            days[i + 1] = days[i] + (count > 0 ? 1 : 0);
        }

        for (int i = 0, run = 0; i < n; i++)
        {
            run = days[i + 1] == days[i] ? run + 1 : 0;
            if (run >= LongestEmptyRun)
            {
                return null;
            }
        }

        return new Snapshot(first, business, starts, days);
    }

    private (long Ms, int Count) DayTotals(int day)
    {
        var intervals = calendar.IntervalsOnDay(day);
        long ms = 0;
        for (var i = 0; i < intervals.Length; i += 2)
        {
            ms += intervals[i + 1] - intervals[i];
        }

        return (ms, intervals.Length / 2);
    }

    /// <summary>Running totals at the start of each day from day number <paramref name="First"/> on (one more entry than days).</summary>
    private sealed record Snapshot(int First, long[] Business, int[] Starts, int[] Days);
}
