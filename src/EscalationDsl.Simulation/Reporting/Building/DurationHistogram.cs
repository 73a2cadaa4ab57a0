using System.Runtime.InteropServices;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Counts durations (whole seconds) so medians and percentiles need no list of every ticket: memory
/// follows the number of distinct values, not tickets. Values below 65,536 s (18 h) are exact; longer
/// ones keep their top 16 bits: rounded down by less than 2⁻¹⁵ of the value (0.0031 %).
/// </summary>
internal sealed class DurationHistogram
{
    private readonly Dictionary<long, long> counts = [];

    public long Count { get; private set; }

    public long Missing { get; set; }

    public void Add(long seconds)
    {
        seconds = Math.Max(0, seconds);
        var key = seconds;
        if (seconds >= 1 << 16)
        {
            var shift = 63 - (int)long.LeadingZeroCount(seconds) - 15;
            key = seconds >> shift << shift;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
        Count++;
    }

    /// <summary>Adds every value counted in <paramref name="other"/>, as if each had been added here.</summary>
    public void Add(DurationHistogram other)
    {
        foreach (var (key, count) in other.counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += count;
        }

        Count += other.Count;
        Missing += other.Missing;
    }

    /// <summary>The median and the 90th percentile, from one sort of the values.</summary>
    public DurationStats Stats()
    {
        var keys = SortedKeys();
        return new(Count, Missing, Percentile(0.5, keys), Percentile(0.9, keys));
    }

    private long[] SortedKeys()
    {
        var keys = counts.Keys.ToArray();
        Array.Sort(keys);
        return keys;
    }

    /// <summary>The nearest-rank percentile: the smallest value with at least p·n values at or below it.</summary>
    private long? Percentile(double p, long[] sortedKeys)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(p * Count));
        long seen = 0;
        foreach (var key in sortedKeys)
        {
            seen += counts[key];
            if (seen >= rank)
            {
                return key;
            }
        }

        return null;
    }
}
