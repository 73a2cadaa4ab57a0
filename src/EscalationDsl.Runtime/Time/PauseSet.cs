namespace EscalationDsl.Runtime.Time;

/// <summary>
/// The intervals in which a ticket's SLA clocks were (or are) stopped, as Unix milliseconds,
/// sorted and non-overlapping. The last interval may be open (<see cref="Open"/> as its end).
/// A ticket that never paused has no pause set, so the common case costs nothing.
/// </summary>
public sealed class PauseSet
{
    /// <summary>The end of an interval that has not ended yet.</summary>
    public const long Open = long.MaxValue;

    private long[] bounds = new long[4];
    private long[] pausedBefore = new long[2];
    private int count;

    /// <summary>The business time inside the pauses, per calendar asked about (rarely more than one).</summary>
    private PausedBusiness? business;

    /// <summary>The number of intervals.</summary>
    public int Count => count / 2;

    /// <summary>True when the last interval has not ended.</summary>
    public bool IsPaused => count > 0 && bounds[count - 1] == Open;

    /// <summary>The start of interval <paramref name="i"/>.</summary>
    public long From(int i) => bounds[2 * i];

    /// <summary>The end of interval <paramref name="i"/> (<see cref="Open"/> if still paused).</summary>
    public long To(int i) => bounds[2 * i + 1];

    /// <summary>
    /// Milliseconds paused before interval <paramref name="i"/> starts (the intervals before it have all
    /// ended); <see cref="Count"/> gives the whole paused time, when no interval is open.
    /// </summary>
    public long PausedBefore(int i) =>
        i < Count ? pausedBefore[i] : Count == 0 ? 0 : pausedBefore[Count - 1] + To(Count - 1) - From(Count - 1);

    /// <summary>The index of the first interval that starts after <paramref name="at"/> (<see cref="Count"/> if none does).</summary>
    public int FirstAfter(long at)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (bounds[2 * middle] > at)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    /// <summary>Starts a pause at <paramref name="at"/>; ignored while already paused or before the last pause ended.</summary>
    public void Begin(long at)
    {
        if (IsPaused || count > 0 && at < bounds[count - 1])
        {
            return;
        }

        if (count > 0 && at == bounds[count - 1])
        {
            bounds[count - 1] = Open; // resumes and pauses at the same instant: one longer pause
            business = null;
            return;
        }

        if (count + 2 > bounds.Length)
        {
            Array.Resize(ref bounds, bounds.Length * 2);
            Array.Resize(ref pausedBefore, bounds.Length / 2);
        }

        pausedBefore[Count] = PausedBefore(Count);
        bounds[count++] = at;
        bounds[count++] = Open;
    }

    /// <summary>Ends the open pause at <paramref name="at"/>; a zero-length pause is removed.</summary>
    public void End(long at)
    {
        if (!IsPaused)
        {
            return;
        }

        var from = bounds[count - 2];
        if (at <= from)
        {
            count -= 2;
            business = null;
            return;
        }

        bounds[count - 1] = at;
    }

    /// <summary>
    /// If <paramref name="at"/> lies inside a pause, the end of that pause (<see cref="Open"/> if open);
    /// otherwise <paramref name="at"/> itself.
    /// </summary>
    public long SkipPaused(long at)
    {
        var i = FirstAfter(at) - 1;
        return i >= 0 && at < To(i) ? To(i) : at;
    }

    /// <summary>The start of the first pause that begins after <paramref name="at"/>, or <see cref="Open"/>.</summary>
    public long NextPauseAfter(long at)
    {
        var i = FirstAfter(at);
        return i < Count ? From(i) : Open;
    }

    /// <summary>Wall-clock milliseconds of pause inside [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public long PausedBetween(long from, long to)
    {
        long total = 0;
        for (var i = 0; i < count; i += 2)
        {
            var a = Math.Max(from, bounds[i]);
            var b = Math.Min(to, bounds[i + 1]);
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    /// <summary>The running totals of business time inside these pauses on <paramref name="calendar"/>.</summary>
    internal PausedBusiness BusinessOn(BusinessCalendar calendar)
    {
        for (var kept = business; kept is not null; kept = kept.Next)
        {
            if (kept.Calendar == calendar)
            {
                return kept;
            }
        }

        return business = new PausedBusiness(calendar, business);
    }

    /// <summary>A copy (tickets are copied for what-if replays such as `esc explain --at`).</summary>
    public PauseSet Clone() => new() { bounds = (long[])bounds.Clone(), pausedBefore = (long[])pausedBefore.Clone(), count = count };
}
