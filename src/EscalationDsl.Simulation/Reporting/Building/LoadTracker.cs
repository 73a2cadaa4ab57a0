using System.Runtime.InteropServices;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Open tickets per queue at every whole hour, kept as +1/−1 changes per hour mark so memory follows
/// the hours covered, not the tickets. A period [from, to) counts at each hour mark h with from ≤ h &lt; to.
/// The changes are kept in pages of consecutive hours: adding a period touches two slots of small arrays
/// instead of two entries of a dictionary that grows with every hour covered.
/// </summary>
internal sealed class LoadTracker
{
    public const string All = "(all)";
    private const long HourMs = 3_600_000;
    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds one open period of a ticket (numbered by the caller, from 1) in a queue. The queue counts the
    /// ticket once, however many of its periods it holds and even if none is open at a whole hour.
    /// </summary>
    public void Add(string queue, Instant from, Instant to, long ticket)
    {
        var s = Get(queue);
        s.Tickets.Add(ticket);

        var first = CeilHour(from);
        var end = CeilHour(to);
        if (end > first)
        {
            s.Add(first, end);
        }
    }

    public IEnumerable<string> Queues => series.Keys;

    public LoadRow Row(string queue)
    {
        if (!series.TryGetValue(queue, out var s) || s.Changes() is not { Count: > 0 } changes)
        {
            return new LoadRow(queue, s?.Tickets.Value ?? 0, 0, null, 0);
        }

        long running = 0, peak = 0, peakHour = 0, area = 0, previous = 0;
        foreach (var (hour, change) in changes)
        {
            area += running * (hour - previous);
            running += change;
            previous = hour;
            if (running > peak)
            {
                peak = running;
                peakHour = hour;
            }
        }

        var span = changes[^1].Hour - changes[0].Hour;
        return new LoadRow(queue, s.Tickets.Value, peak, Instant.FromUnixTimeMilliseconds(peakHour * HourMs), span == 0 ? 0 : Math.Round((double)area / span, 2));
    }

    /// <summary>The highest hourly count of all queues together per week (weeks start on Monday in <paramref name="zone"/>).</summary>
    public Dictionary<LocalDate, long> WeeklyPeaks(DateTimeZone zone)
    {
        var peaks = new Dictionary<LocalDate, long>();
        if (!series.TryGetValue(All, out var s) || s.Changes() is not { Count: > 0 } changes)
        {
            return peaks;
        }

        long running = 0;
        for (var i = 0; i < changes.Count; i++)
        {
            running += changes[i].Change;
            var until = i + 1 < changes.Count ? changes[i + 1].Hour : changes[i].Hour;
            for (var hour = changes[i].Hour; hour < until; hour++)
            {
                var week = Weeks.Start(Instant.FromUnixTimeMilliseconds(hour * HourMs), zone);
                if (running > peaks.GetValueOrDefault(week))
                {
                    peaks[week] = running;
                }
            }
        }

        return peaks;
    }

    private static long CeilHour(Instant at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        return ms >= 0 ? (ms + HourMs - 1) / HourMs : ms / HourMs;
    }

    private Series Get(string queue)
    {
        if (!series.TryGetValue(queue, out var s))
        {
            s = new Series();
            series[queue] = s;
        }

        return s;
    }

    private sealed class Series
    {
        private const int PageBits = 8;
        private const int PageHours = 1 << PageBits;

        /// <summary>Net change per hour mark, in pages of <see cref="PageHours"/> hours keyed by hour / <see cref="PageHours"/> (rounded down).</summary>
        private readonly Dictionary<long, int[]> pages = [];

        public TicketCount Tickets;

        public void Add(long first, long end)
        {
            Page(first)[first & (PageHours - 1)]++;
            Page(end)[end & (PageHours - 1)]--;
        }

        /// <summary>
        /// The hour marks whose net change is not zero, in time order. Leaving out the others changes no
        /// figure: the count is the same on both sides of such a mark, and the first and last marks are never
        /// among them (only periods start at the first mark and only periods end at the last).
        /// </summary>
        public List<(long Hour, int Change)> Changes()
        {
            var changes = new List<(long Hour, int Change)>();
            foreach (var key in pages.Keys.Order())
            {
                var page = pages[key];
                for (var i = 0; i < page.Length; i++)
                {
                    if (page[i] != 0)
                    {
                        changes.Add(((key << PageBits) + i, page[i]));
                    }
                }
            }

            return changes;
        }

        private int[] Page(long hour)
        {
            // An arithmetic shift rounds down, so hours before 1970 get pages of their own too.
            ref var page = ref CollectionsMarshal.GetValueRefOrAddDefault(pages, hour >> PageBits, out _);
            return page ??= new int[PageHours];
        }
    }
}
