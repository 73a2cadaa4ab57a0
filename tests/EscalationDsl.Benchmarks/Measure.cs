using System.Diagnostics;
using System.Globalization;

namespace EscalationDsl.Benchmarks;

/// <summary>Repeats a piece of work and reports the median, after warm-up runs that are not counted.</summary>
internal static class Measure
{
    public static TimeSpan Median(int warmups, int runs, Action work)
    {
        for (var i = 0; i < warmups; i++)
        {
            work();
        }

        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var sw = Stopwatch.StartNew();
            work();
            times.Add(sw.Elapsed);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>The machine the figures come from: cores and CPU model.</summary>
    public static string Machine()
    {
        var model = "unknown CPU";
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
        }
        catch (IOException)
        {
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {model}, .NET {Environment.Version}, {(Debugger.IsAttached ? "debugger" : "no debugger")}");
    }

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
