using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;
using EscalationDsl.Tests;
using NodaTime;

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
        MeasureDescribe(policy);
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
            var before = GC.GetAllocatedBytesForCurrentThread();
            decisionsCount = ApplyAll(runtime, events, tickets, decisions);

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        var rate = events.Count / median.TotalSeconds;
        Console.WriteLine($"  apply: median {median.TotalMilliseconds:F0} ms over 7 runs = {Measure.Rate(rate)} events/s on one core ({decisionsCount:N0} decisions)");
        Console.WriteLine($"  allocations: {allocated / (double)events.Count:F0} bytes per event (including tickets, clocks and decisions)");
    }

    /// <summary>
    /// What reading a ticket's state costs (the engine's ticket read runs it on its loop): the support
    /// policy's open tickets, and the forecast's bound, a ticket whose `every 1m` step runs the forecast's
    /// 1,000 deadlines before a later step's fate is known.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void MeasureDescribe(CompiledPolicy policy)
    {
        const int count = 20_000;
        var runtime = new TicketRuntime(policy);
        var tickets = OpenTickets(runtime, OpenTicketEvents(count));
        long allocated = 0;
        var median = Measure.Median(2, 7, () =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var ticket in tickets)
            {
                runtime.Describe(ticket);
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        Console.WriteLine($"  describe: median {median.TotalMilliseconds * 1000 / tickets.Count:F1} µs and {allocated / (double)tickets.Count:F0} bytes per open ticket of policies/support.esc ({tickets.Count:N0} tickets)");

        var bound = CompiledPolicy.Compile(SemanticModel.Create(new SourceText("bound.esc", ForecastBoundPolicy)));
        var boundRuntime = new TicketRuntime(bound);
        var start = Instant.FromUtc(2026, 11, 2, 14, 0);
        var decisions = new List<Decision>();
        var busy = boundRuntime.Open(new TicketEvent { TicketId = "T1", At = start, Kind = TicketEventKind.Created, Severity = "sev1" }, decisions);
        boundRuntime.Apply(busy, new TicketEvent { TicketId = "T1", At = start, Kind = TicketEventKind.Acknowledged }, decisions);
        const int reads = 50;
        var boundMedian = Measure.Median(2, 7, () =>
        {
            for (var i = 0; i < reads; i++)
            {
                boundRuntime.Describe(busy);
            }
        });

        Console.WriteLine($"  describe at the forecast's bound ({TicketRuntime.MaxForecastRuns:N0} deadline runs): median {boundMedian.TotalMilliseconds / reads:F2} ms per ticket");
    }

    private const string ForecastBoundPolicy = """
        policy "bound" version 1
        owners {
            team frontline "Front line"
            role lead      "Lead"
        }
        severity sev1 "Critical" {
            acknowledge within 15m
            resolve within 4h
        }
        escalation r for sev1 {
            owner frontline
            every 1m: notify frontline
            after 4w unless acknowledged: notify lead
        }
        """;

    private static List<Ticket> OpenTickets(TicketRuntime runtime, List<TicketEvent> events)
    {
        var tickets = new Dictionary<string, Ticket>();
        ApplyAll(runtime, events, tickets, []);
        return [.. tickets.Values];
    }

    /// <summary>Opens and applies <paramref name="events"/> in order into <paramref name="tickets"/>; returns how many decisions they made.</summary>
    private static long ApplyAll(TicketRuntime runtime, List<TicketEvent> events, Dictionary<string, Ticket> tickets, List<Decision> decisions)
    {
        long made = 0;
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

            made += decisions.Count;
        }

        return made;
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
        ApplyAll(runtime, events, tickets, decisions);

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
