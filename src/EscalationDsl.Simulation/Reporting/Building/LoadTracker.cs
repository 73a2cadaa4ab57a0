using System.Runtime.InteropServices;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Open tickets per queue at every whole hour, kept as +1/−1 changes per hour mark so memory follows
/// the hours covered, not the tickets. A period [from, to) counts at each hour mark h with from ≤ h &lt; to.
/// </summary>
internal sealed class LoadTracker
{
    public const string All = "(all)";
    private const long HourMs = 3_600_000;
    private readonly Dictionary<string, Series> series = new(StringComparer.Ordinal);

    /// <summary>The series of <see cref="All"/>, which every open period adds to: kept at hand, not looked up.</summary>
    private Series? all;

    /// <summary>
    /// Adds one open period of a ticket (numbered by the caller, from 1) in a queue. The queue counts the
    /// ticket once, however many of its periods it holds and even if none is open at a whole hour.
    /// </summary>
    public void Add(string queue, Instant from, Instant to, long ticket)
    {
        var s = ReferenceEquals(queue, All) ? all ??= Get(All) : Get(queue);
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
        if (!series.TryGetValue(queue, out var s) || s.Sorted() is not ({ Length: > 0 } keys, var changes))
        {
            return new LoadRow(queue, s?.Tickets.Value ?? 0, 0, null, 0);
        }

        long running = 0, peak = 0, peakHour = 0, area = 0, previous = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var hour = keys[i];
            area += running * (hour - previous);
            running += changes[i];
            previous = hour;
            if (running > peak)
            {
                peak = running;
                peakHour = hour;
            }
        }

        var span = keys[^1] - keys[0];
        return new LoadRow(queue, s.Tickets.Value, peak, Instant.FromUnixTimeMilliseconds(peakHour * HourMs), span == 0 ? 0 : Math.Round((double)area / span, 2));
    }

    /// <summary>The highest hourly count of all queues together per week (weeks start on Monday in <paramref name="zone"/>).</summary>
    public Dictionary<LocalDate, long> WeeklyPeaks(DateTimeZone zone)
    {
        var peaks = new Dictionary<LocalDate, long>();
        if (!series.TryGetValue(All, out var s) || s.Sorted() is not ({ Length: > 0 } keys, var changes))
        {
            return peaks;
        }

        long running = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            running += changes[i];
            var until = i + 1 < keys.Length ? keys[i + 1] : keys[i];
            for (var hour = keys[i]; hour < until; hour++)
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

    /// <summary>
    /// One queue's changes per hour mark: an array over the hours covered while they span at most
    /// <see cref="DenseHours"/> (no hashing per change, and under the large-object threshold), a dictionary
    /// of the marks used beyond. Hours whose changes cancel out are left out of <see cref="Sorted"/>: they
    /// change neither the running counts nor the first and last mark (the first only adds, the last only removes).
    /// </summary>
    private sealed class Series
    {
        /// <summary>About 22 months of hours: 64 KB of counts.</summary>
        private const int DenseHours = 16_384;

        /// <summary>Changes at the hours from <see cref="origin"/> on, while the marks fit.</summary>
        private int[] window = [];
        private long origin;
        private Dictionary<long, int>? sparse;

        public TicketCount Tickets;

        public void Add(long first, long end)
        {
            if (sparse is null && Covers(first, end))
            {
                window[first - origin]++;
                window[end - origin]--;
                return;
            }

            // One hash lookup per change instead of a read and a write.
            CollectionsMarshal.GetValueRefOrAddDefault(sparse!, first, out _)++;
            CollectionsMarshal.GetValueRefOrAddDefault(sparse!, end, out _)--;
        }

        /// <summary>The hour marks with a change, in order, with their changes at the same positions.</summary>
        public (long[] Hours, int[] Changes) Sorted()
        {
            if (sparse is null)
            {
                var used = 0;
                foreach (var change in window)
                {
                    used += change != 0 ? 1 : 0;
                }

                var hours = new long[used];
                var changes = new int[used];
                for (int i = 0, j = 0; i < window.Length; i++)
                {
                    if (window[i] != 0)
                    {
                        hours[j] = origin + i;
                        changes[j++] = window[i];
                    }
                }

                return (hours, changes);
            }

            var keys = new long[sparse.Count];
            var values = new int[sparse.Count];
            sparse.Keys.CopyTo(keys, 0);
            sparse.Values.CopyTo(values, 0);
            Array.Sort(keys, values);
            return (keys, values);
        }

        /// <summary>Grows the window to cover both marks, or moves the changes to the dictionary when it cannot.</summary>
        private bool Covers(long first, long end)
        {
            var last = origin + window.Length - 1;
            if (first >= origin && end <= last)
            {
                return true;
            }

            var low = window.Length == 0 ? first : Math.Min(origin, first);
            var high = window.Length == 0 ? end : Math.Max(last, end);
            var needed = high - low + 1;
            if (needed > DenseHours)
            {
                sparse = [];
                for (var i = 0; i < window.Length; i++)
                {
                    if (window[i] != 0)
                    {
                        sparse[origin + i] = window[i];
                    }
                }

                window = [];
                return false;
            }

            // Doubled, with the room on the side that grew.
            var length = (int)Math.Min(DenseHours, Math.Max(needed, Math.Max(256, 2L * window.Length)));
            var start = window.Length > 0 && first < origin ? high - length + 1 : low;
            var grown = new int[length];
            if (window.Length > 0)
            {
                window.CopyTo(grown, (int)(origin - start));
            }

            window = grown;
            origin = start;
            return true;
        }
    }
}
