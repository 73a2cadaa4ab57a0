using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// One ticket's replay for <c>esc explain</c>, traced: its events up to the end, with the ticket advanced
/// to each <c>--step</c> time as the events pass it and described then, and at the end.
/// </summary>
internal sealed class ExplainReplay
{
    private readonly TicketRuntime runtime;
    private readonly IReadOnlyList<Instant> stepTimes;
    private readonly Ticket ticket;
    private int next;

    private ExplainReplay(CompiledPolicy policy, TicketEvent created, IReadOnlyList<Instant> stepTimes)
    {
        runtime = new TicketRuntime(policy);
        this.stepTimes = stepTimes;
        ticket = runtime.Open(created, Decisions, Trace);
    }

    /// <summary>The timeline.</summary>
    public ExplainTrace Trace { get; } = new();

    /// <summary>The decisions, in order.</summary>
    public List<Decision> Decisions { get; } = [];

    /// <summary>The state at each step time and at the end (last), each after the timeline entries up to it.</summary>
    public List<TimelineState> States { get; } = [];

    /// <summary>
    /// Replays <paramref name="events"/> (the ticket's, in time order, its created event first) up to
    /// <paramref name="end"/>; later events are not applied.
    /// </summary>
    public static ExplainReplay Run(CompiledPolicy policy, IReadOnlyList<TicketEvent> events, Instant end, IReadOnlyList<Instant> stepTimes)
    {
        var replay = new ExplainReplay(policy, events[0], stepTimes);
        foreach (var e in events.Skip(1).TakeWhile(e => e.At <= end))
        {
            replay.StatesBefore(e.At, including: false);
            replay.runtime.Apply(replay.ticket, e, replay.Decisions, replay.Trace);
        }

        // A state at an event's instant comes after the events at that instant, as with --at.
        replay.StatesBefore(end, including: true);
        if (replay.States.Count == 0 || replay.States[^1].At != end)
        {
            replay.Describe(end);
        }

        return replay;
    }

    private void StatesBefore(Instant limit, bool including)
    {
        while (next < stepTimes.Count && (stepTimes[next] < limit || including && stepTimes[next] == limit))
        {
            Describe(stepTimes[next++]);
        }
    }

    private void Describe(Instant at)
    {
        runtime.AdvanceTo(ticket, at, Decisions, Trace);
        States.Add(new TimelineState(Trace.Entries.Count, runtime.Describe(ticket), at));
    }
}
