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
    /// <summary>
    /// The timeline entries a replay stops after: steps that repeat every minute make thousands a day, and a far
    /// <c>--at</c> (ten years are allowed) took minutes and gigabytes before it printed anything.
    /// </summary>
    public const int MaxEntries = 100_000;

    private readonly TicketRuntime runtime;
    private readonly IReadOnlyList<Instant> stepTimes;
    private readonly Ticket ticket;
    private Instant reached;
    private int next;

    private ExplainReplay(CompiledPolicy policy, TicketEvent created, IReadOnlyList<Instant> stepTimes)
    {
        runtime = new TicketRuntime(policy);
        this.stepTimes = stepTimes;
        ticket = runtime.Open(created, Decisions, Trace);
        reached = created.At;
    }

    /// <summary>Where the replay stopped because the timeline passed <see cref="MaxEntries"/>, or null when it ran to its end.</summary>
    public Instant? StoppedAt { get; private set; }

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
            if (!replay.Approach(e.At))
            {
                return replay;
            }

            replay.runtime.Apply(replay.ticket, e, replay.Decisions, replay.Trace);
            replay.reached = e.At;
        }

        // A state at an event's instant comes after the events at that instant, as with --at.
        replay.StatesBefore(end, including: true);
        if (!replay.Approach(end))
        {
            return replay;
        }

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
            if (!Approach(stepTimes[next]))
            {
                return;
            }

            Describe(stepTimes[next++]);
        }
    }

    /// <summary>
    /// Advances the ticket a day at a time to just before <paramref name="limit"/> (what falls due at it is left to
    /// the caller, as without this), and says false once the timeline has passed <see cref="MaxEntries"/>.
    /// </summary>
    private bool Approach(Instant limit)
    {
        while (StoppedAt is null && Trace.Entries.Count <= MaxEntries && reached + Duration.FromDays(1) < limit)
        {
            reached += Duration.FromDays(1);
            runtime.AdvanceTo(ticket, reached, Decisions, Trace);
        }

        if (StoppedAt is null && Trace.Entries.Count > MaxEntries)
        {
            StoppedAt = reached;
        }

        return StoppedAt is null;
    }

    private void Describe(Instant at)
    {
        runtime.AdvanceTo(ticket, at, Decisions, Trace);
        reached = at;
        States.Add(new TimelineState(Trace.Entries.Count, runtime.Describe(ticket), at));
    }
}
