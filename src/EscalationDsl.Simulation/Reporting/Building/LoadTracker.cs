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
        if (!series.TryGetValue(queue, out var s) || s.Changes.Count == 0)
        {
            return new LoadRow(queue, s?.Tickets.Value ?? 0, 0, null, 0);
        }

        long running = 0, peak = 0, peakHour = 0, area = 0, previous = 0;
        var keys = s.Changes.Keys.Order().ToList();
        foreach (var hour in keys)
        {
            area += running * (hour - previous);
            running += s.Changes[hour];
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
        if (!series.TryGetValue(All, out var s) || s.Changes.Count == 0)
        {
            return peaks;
        }

        var keys = s.Changes.Keys.Order().ToList();
        long running = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            running += s.Changes[keys[i]];
            var until = i + 1 < keys.Count ? keys[i + 1] : keys[i];
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

    private sealed class Series
    {
        public Dictionary<long, int> Changes { get; } = [];

        public TicketCount Tickets;

        public void Add(long first, long end)
        {
            // One hash lookup per change instead of a read and a write.
            CollectionsMarshal.GetValueRefOrAddDefault(Changes, first, out _)++;
            CollectionsMarshal.GetValueRefOrAddDefault(Changes, end, out _)--;
        }
    }
}
