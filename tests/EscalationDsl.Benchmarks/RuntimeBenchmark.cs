using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Tests;

namespace EscalationDsl.Benchmarks;

/// <summary>
/// Events applied per second on one core through the compiled support policy, allocations per
/// event, and memory per open ticket.
/// </summary>
internal static class RuntimeBenchmark
{
    public static void Run()
    {
        var source = File.ReadAllText(RepoPaths.Combine("policies", "support.esc"));
        var policy = CompiledPolicy.Compile(SemanticModel.Create(new SourceText("support.esc", source)));
        MeasureTicketMemory(policy);
        MeasureThroughput(policy);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MeasureThroughput(CompiledPolicy policy)
    {
        var events = SyntheticTickets.Generate(100_000);
        Console.WriteLine($"runtime: {events.Count:N0} events for 100,000 tickets, policies/support.esc");

        long decisionsCount = 0;
        long allocated = 0;
        var median = Measure.Median(2, 7, () =>
        {
            var runtime = new TicketRuntime(policy);
            var tickets = new Dictionary<string, Ticket>(100_000);
            var decisions = new List<Decision>(64);
            decisionsCount = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var e in events)
            {
                decisions.Clear();
                if (e.Kind == TicketEventKind.Created)
                {
                    tickets[e.TicketId] = runtime.Open(e, decisions);
                }
                else
                {
                    runtime.Apply(tickets[e.TicketId], e, decisions);
                }

                decisionsCount += decisions.Count;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        var rate = events.Count / median.TotalSeconds;
        Console.WriteLine($"  apply: median {median.TotalMilliseconds:F0} ms over 7 runs = {Measure.Rate(rate)} events/s on one core ({decisionsCount:N0} decisions)");
        Console.WriteLine($"  allocations: {allocated / (double)events.Count:F0} bytes per event (including tickets, clocks and decisions)");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MeasureTicketMemory(CompiledPolicy policy)
    {
        const int count = 200_000;
        var events = OpenTicketEvents(count);
        var ids = events.Where(e => e.Kind == TicketEventKind.Created).Select(e => e.TicketId).ToList();
        var runtime = new TicketRuntime(policy);
        var decisions = new List<Decision>();
        var tickets = new Dictionary<string, Ticket>(count);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        foreach (var e in events)
        {
            decisions.Clear();
            if (e.Kind == TicketEventKind.Created)
            {
                tickets[e.TicketId] = runtime.Open(e, decisions);
            }
            else
            {
                runtime.Apply(tickets[e.TicketId], e, decisions);
            }
        }

        decisions.Clear();
        decisions.TrimExcess();
        var after = GC.GetTotalMemory(true);

        // Ticket ids are shared with the events; the dictionary that finds tickets is the caller's.
        var dictionary = (long)count * 24 + (long)count * 4 * 2;
        var valuesArrays = 24L + 8L * policy.Model.Fields.Count(f => !f.IsBuiltIn || f.Name is "issue_type" or "status");
        var perTicket = (after - before - dictionary) / (double)count;
        Console.WriteLine($"  memory: {perTicket:F0} bytes per open ticket (record, clocks and field-value array), {perTicket - valuesArrays:F0} bytes beside its field values");
        GC.KeepAlive(tickets);
        GC.KeepAlive(ids);
        GC.KeepAlive(events);
    }

    /// <summary>Events that leave tickets open: created, acknowledged, assigned.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<TicketEvent> OpenTicketEvents(int count) =>
        SyntheticTickets.Generate(count, seed: 7)
            .Where(e => e.Kind is TicketEventKind.Created or TicketEventKind.Acknowledged or TicketEventKind.Assigned)
            .ToList();
}
