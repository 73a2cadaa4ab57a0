using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;
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
        MeasureMachine(policy);
        MeasureTicketMemory(policy);
        MeasureThroughput(policy);
    }

    /// <summary>
    /// What a configured Stateless machine for the policy costs (why there is one per runtime, not per
    /// ticket) and what one Fire through it costs (why triggers without guards are applied from tables).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MeasureMachine(CompiledPolicy policy)
    {
        const int machines = 1_000;
        var phase = TicketPhase.Open;
        var kept = new List<object>(machines);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        for (var i = 0; i < machines; i++)
        {
            kept.Add(LifecycleMachine.Create(() => phase, p => phase = p, policy, _ => () => true));
        }

        var perMachine = (GC.GetTotalMemory(true) - before) / (double)machines;
        GC.KeepAlive(kept);

        const int fires = 1_000_000;
        var machine = LifecycleMachine.Create(() => phase, p => phase = p, policy, _ => () => true);
        var acknowledge = policy.Lifecycle.Acknowledge;
        long allocated = 0;
        var median = Measure.Median(2, 7, () =>
        {
            var start = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < fires; i++)
            {
                phase = TicketPhase.Open;
                machine.Fire(acknowledge);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - start;
        });

        Console.WriteLine($"  Stateless: one configured machine for the policy {perMachine / 1024:F1} KB; one Fire (open -> acknowledged, inside the Active superstate) median {median.TotalMilliseconds * 1000 / fires:F2} µs and {allocated / (double)fires:F0} bytes");
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

        // Ticket ids and field-value strings are shared with the events, which were allocated before the
        // first reading, as was the dictionary that finds tickets (created with its full size): none of
        // them is counted. What remains is the record, its clock array and its field-value array.
        var valuesArray = 24L + 8L * policy.ValueSlotCount;
        long clockArrays = 0;
        foreach (var ticket in tickets.Values)
        {
            clockArrays += 24 + 4L * ticket.Clock.Length + 7 & ~7L;
        }

        var perTicket = (after - before) / (double)count;
        var clocks = clockArrays / (double)count;
        Console.WriteLine($"  memory: {perTicket:F0} bytes per open ticket, {perTicket - valuesArray:F0} beside its field values: record {perTicket - valuesArray - clocks:F0}, clock array {clocks:F0} on average, field-value array {valuesArray}");
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
