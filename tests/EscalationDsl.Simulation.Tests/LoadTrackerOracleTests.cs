using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.Reporting.Building;
using NodaTime;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The array-backed LoadTracker against the dictionary algorithm it replaced (kept here as the oracle), on random inputs: out of order, negative, empty and very long periods, far before and after 1970.</summary>
public sealed class LoadTrackerOracleTests
{
    private const long HourMs = 3_600_000;

    [Theory]
    [InlineData(1, 50, 200L)]
    [InlineData(2, 300, 5_000L)]
    [InlineData(3, 300, 20_000L)]
    [InlineData(4, 2000, 16_000L)]
    [InlineData(5, 100, 2_000_000L)]
    [InlineData(6, 3000, 40_000L)]
    public void LoadMatchesTheDictionaryAlgorithm(int seed, int periods, long spreadHours)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 40; trial++)
        {
            var load = new LoadTracker();
            var reference = new Dictionary<string, Dictionary<long, int>>();
            var counts = new Dictionary<string, HashSet<long>>();
            var baseMs = random.Next(3) switch { 0 => 0L, 1 => -50L * 365 * 24 * HourMs, _ => 55L * 365 * 24 * HourMs };
            for (var p = 0; p < periods; p++)
            {
                var queue = random.Next(3) switch { 0 => "a", 1 => "b", _ => LoadTracker.All };
                var from = baseMs + random.NextInt64(-spreadHours * HourMs, spreadHours * HourMs);
                var length = random.Next(4) switch
                {
                    0 => random.NextInt64(0, 3 * HourMs),
                    1 => random.NextInt64(0, 200 * HourMs),
                    2 => random.NextInt64(0, spreadHours * HourMs),
                    _ => -random.NextInt64(0, 3 * HourMs),
                };
                var to = from + length;
                var ticket = random.NextInt64(1, periods);
                load.Add(queue, Instant.FromUnixTimeMilliseconds(from), Instant.FromUnixTimeMilliseconds(to), ticket);

                // The dictionary algorithm.
                var changes = reference.TryGetValue(queue, out var c) ? c : reference[queue] = [];
                (counts.TryGetValue(queue, out var set) ? set : counts[queue] = []).Add(ticket);
                var first = CeilHour(from);
                var end = CeilHour(to);
                if (end > first)
                {
                    changes[first] = changes.GetValueOrDefault(first) + 1;
                    changes[end] = changes.GetValueOrDefault(end) - 1;
                }
            }

            foreach (var (queue, changes) in reference)
            {
                var actual = load.Row(queue);
                var expected = OldRow(queue, changes);
                actual.Peak.ShouldBe(expected.Peak, $"seed {seed} trial {trial} {queue}");
                actual.PeakAt.ShouldBe(expected.PeakAt, $"seed {seed} trial {trial} {queue}");
                actual.Average.ShouldBe(expected.Average, $"seed {seed} trial {trial} {queue}");
            }

            if (spreadHours <= 40_000 && reference.TryGetValue(LoadTracker.All, out var all))
            {
                var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
                load.WeeklyPeaks(zone).OrderBy(p => p.Key).ShouldBe(OldWeeklyPeaks(all, zone).OrderBy(p => p.Key), $"seed {seed} trial {trial}");
            }
        }
    }

    private static long CeilHour(long ms) => ms >= 0 ? (ms + HourMs - 1) / HourMs : ms / HourMs;

    /// <summary>
    /// The row from the running counts after each hour mark (prefix sums): the peak is the largest (the
    /// first hour reaching it), the average the counts weighted by the hours until the next mark.
    /// </summary>
    private static (long Peak, Instant? PeakAt, double Average) OldRow(string queue, Dictionary<long, int> changes)
    {
        if (changes.Count == 0)
        {
            return (0, null, 0);
        }

        var marks = changes.Keys.Order().ToArray();
        var counts = new long[marks.Length];
        for (var i = 0; i < marks.Length; i++)
        {
            counts[i] = (i == 0 ? 0 : counts[i - 1]) + changes[marks[i]];
        }

        var peak = Math.Max(0, counts.Max());
        var peakHour = peak > 0 ? marks[Array.IndexOf(counts, peak)] : 0;
        var area = Enumerable.Range(0, marks.Length - 1).Sum(i => counts[i] * (marks[i + 1] - marks[i]));
        var span = marks[^1] - marks[0];
        return (peak, Instant.FromUnixTimeMilliseconds(peakHour * HourMs), span == 0 ? 0 : Math.Round((double)area / span, 2));
    }

    /// <summary>Weekly peaks hour by hour over the whole span, the running count carried from hour to hour.</summary>
    private static Dictionary<LocalDate, long> OldWeeklyPeaks(Dictionary<long, int> changes, DateTimeZone zone)
    {
        var peaks = new Dictionary<LocalDate, long>();
        if (changes.Count == 0)
        {
            return peaks;
        }

        long running = 0;
        for (long hour = changes.Keys.Min(), last = changes.Keys.Max(); hour < last; hour++)
        {
            running += changes.GetValueOrDefault(hour);
            var week = Weeks.Start(Instant.FromUnixTimeMilliseconds(hour * HourMs), zone);
            if (running > peaks.GetValueOrDefault(week))
            {
                peaks[week] = running;
            }
        }

        return peaks;
    }
}
