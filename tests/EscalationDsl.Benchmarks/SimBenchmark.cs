using System.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Tests;

namespace EscalationDsl.Benchmarks;

/// <summary>
/// <c>esc sim</c> on the full ServiceNow log (141,712 rows, read from the .zip): the whole replay against
/// policies/support.esc, and in the same process the time to decompress and parse the CSV alone (every
/// cell of every row read with the same Sep settings), so the replay's overhead over reading is a ratio.
/// Peak memory is the process's peak working set. Run it alone for a clean peak:
/// <c>dotnet run -c Release --project tests/EscalationDsl.Benchmarks -- sim</c>.
/// </summary>
internal static class SimBenchmark
{
    private const int Runs = 5;
    private const int Warmups = 5;

    public static void Run()
    {
        var zip = Path.Combine(RepoPaths.SharedData, "incident_event_log.zip");
        if (!File.Exists(zip))
        {
            Console.WriteLine($"sim: skipped, {zip} not found");
            return;
        }

        var source = File.ReadAllText(RepoPaths.Combine("policies", "support.esc"));
        var policy = CompiledPolicy.Compile(SemanticModel.Create(new SourceText("support.esc", source)));
        var mapping = MappingFile.DefaultServiceNow(policy);

        long rows = 0;
        var parse = Measure.Median(Warmups, Runs, () => rows = DecompressAndParse(zip));

        SimulationResult? result = null;
        long maxHeap = 0;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        var gen2Before = GC.CollectionCount(2);
        var sim = Measure.Median(Warmups, Runs, () =>
        {
            using var events = new ServiceNowEventSource(zip, "incident_event_log.zip", mapping);
            result = new Simulator(policy, new SimulationOptions
            {
                Progress = _ => maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false)),
            }).Run(events);
        });

        var pause = (GC.GetTotalPauseDuration() - pauseBefore) / (Runs + Warmups);
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (Runs + Warmups);
        var gen0 = (GC.CollectionCount(0) - gen0Before) / (double)(Runs + Warmups);
        var gen2 = (GC.CollectionCount(2) - gen2Before) / (double)(Runs + Warmups);

        // Peak of the process so far: the parse runs and the replays (the breakdown below keeps every event in memory).
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        // Where the time goes: reading and mapping alone, and the runtime alone on the mapped events.
        var events = new List<TicketEvent>();
        // The same replay on one thread (no read-ahead): the total work, far steadier on a shared machine
        // than the two-thread figure, which also depends on how fast a core runs while the other is busy.
        var oneThread = Measure.Median(2, Runs, () =>
        {
            using var events = new ServiceNowEventSource(zip, "incident_event_log.zip", mapping);
            new Simulator(policy, new SimulationOptions { ReadAhead = false }).Run(events);
        });

        var readAndMap = Measure.Median(1, Runs, () =>
        {
            events.Clear();
            using var source = new ServiceNowEventSource(zip, "incident_event_log.zip", mapping);
            foreach (var record in source.Read())
            {
                if (record.Event is { } e)
                {
                    events.Add(e);
                }
            }
        });
        var apply = Measure.Median(1, Runs, () =>
        {
            var runtime = new TicketRuntime(policy);
            var tickets = new Dictionary<string, Ticket>();
            var decisions = new List<Decision>();
            foreach (var e in events)
            {
                if (e.Kind == TicketEventKind.Created)
                {
                    tickets[e.TicketId] = runtime.Open(e, decisions);
                }
                else
                {
                    runtime.Apply(tickets[e.TicketId], e, decisions);
                }

                decisions.Clear();
            }
        });

        var input = result!.Report.Input;
        var rate = input.ReplayedEvents / sim.TotalSeconds;
        Console.WriteLine($"sim: {rows:N0} rows of incident_event_log.zip, {input.Tickets:N0} tickets, {input.ReplayedEvents:N0} events replayed, {input.BadRows} bad rows, policies/support.esc");
        Console.WriteLine($"  decompress + parse the CSV alone: median {parse.TotalMilliseconds:F0} ms over {Runs} runs");
        Console.WriteLine($"  whole replay (read, map, replay, report): median {sim.TotalMilliseconds:F0} ms over {Runs} runs = {Measure.Rate(rate)} events/s, {Measure.Rate(rows / sim.TotalSeconds)} rows/s");
        Console.WriteLine($"  ratio replay / parse: {sim.TotalMilliseconds / parse.TotalMilliseconds:F2} (target at most 2)");
        Console.WriteLine($"  the same replay on one thread (no read-ahead): median {oneThread.TotalMilliseconds:F0} ms, the total work of both threads");
        Console.WriteLine($"  of which: read + map to events alone {readAndMap.TotalMilliseconds:F0} ms; TicketRuntime.Open/Apply alone on those events {apply.TotalMilliseconds:F0} ms = {Measure.Rate(events.Count / apply.TotalSeconds)} events/s");
        Console.WriteLine($"  garbage collection per replay (mean of {Runs + Warmups}, one forced full collection before each timed run included): {pause.TotalMilliseconds:F0} ms paused, {gen0:F1} collections, {gen2:F1} of them full; {allocated / (1024.0 * 1024):F0} MB allocated");
        Console.WriteLine($"  memory: peak working set {peak / (1024.0 * 1024):F0} MB (whole process after the replays, target under 200 MB); largest managed heap seen during a replay {maxHeap / (1024.0 * 1024):F0} MB; at most {result.PeakTicketsKept:N0} {(result.PeakTicketsKept == 1 ? "ticket" : "tickets")} kept at once");
    }

    /// <summary>Reads every cell of every row, as the importer's reader would, and does nothing else.</summary>
    private static long DecompressAndParse(string zip)
    {
        using var input = InputFile.Open(zip, "incident_event_log.zip");
        using var reader = CsvColumns.OpenReader(input.Content, ',', "incident_event_log.zip");
        long rows = 0;
        long chars = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            for (var i = 0; i < row.ColCount; i++)
            {
                chars += row[i].Span.Length;
            }

            rows++;
        }

        GC.KeepAlive(chars);
        return rows;
    }
}
