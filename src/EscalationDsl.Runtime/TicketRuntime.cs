using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;
using EscalationDsl.Runtime.Tracing;
using NodaTime;
using Stateless;

namespace EscalationDsl.Runtime;

/// <summary>
/// Runs tickets through a compiled policy. Deterministic: time comes only from events and
/// <see cref="AdvanceTo"/>. One instance holds one configured Stateless machine that serves every
/// ticket (its state accessor reads the ticket being processed), so an instance is not thread-safe:
/// use one per thread, and one call at a time per ticket.
/// </summary>
public sealed partial class TicketRuntime
{
    private readonly StateMachine<TicketPhase, LifecycleTrigger> machine;
    private readonly TicketPhase[,] lifecycle;
    private readonly TicketPhase[,] unguardedSteps;
    private readonly List<string> missingScratch = [];

    /// <summary>The value slots of `every ... since FIELD` time fields the current event moved to another instant.</summary>
    private readonly List<int> movedSince = [];

    /// <summary>The watched flags (<see cref="CompiledPolicy.WatchedFlagSlots"/>) true before the event being applied.</summary>
    private readonly bool[] flagsBefore;

    /// <summary>The watched flags the event being applied raised (true after it, not before), read by `on FLAG` steps.</summary>
    private readonly bool[] flagsRaised;
    private readonly Dictionary<RequireAction, (string[] Fields, string Request)> requireTexts = new(ReferenceEqualityComparer.Instance);
    private Ticket? current;
    private long currentNow;
    private List<Decision> output = [];
    private ExplainTrace? trace;

    /// <summary>Creates a runtime for one thread.</summary>
    public TicketRuntime(CompiledPolicy policy)
    {
        Policy = policy;
        flagsBefore = new bool[policy.WatchedFlagSlots.Length];
        flagsRaised = new bool[policy.WatchedFlagSlots.Length];
        // Stateless reads the state once while constructing; the placeholder answers that read.
        var placeholder = new Ticket("(none)", 0, 0);
        machine = LifecycleMachine.Create(() => (current ?? placeholder).Phase, p => current!.Phase = p, policy, step => () => GuardPasses(step));

        // Lifecycle triggers and steps without required-field guards carry no guards, so where each one
        // leads from each state is fixed by the configuration. Ask the configured machine once, by firing
        // each of them in every state on a probe ticket, and apply its answers from tables: a Fire costs
        // about 0.6 µs and 2 KB here, an event should cost less than that in total. Steps that carry the
        // policy's guards fire through the machine every time.
        var phases = Enum.GetValues<TicketPhase>();
        lifecycle = new TicketPhase[phases.Length, Enum.GetValues<LifecycleTriggerKind>().Length];
        var probe = new Ticket("(probe)", 0, 0);
        current = probe;
        var steps = policy.Rules.SelectMany(r => r.Steps).ToList();
        unguardedSteps = new TicketPhase[steps.Count, phases.Length];
        foreach (var phase in phases)
        {
            foreach (var trigger in policy.Lifecycle.All)
            {
                probe.Phase = phase;
                machine.Fire(trigger);
                lifecycle[(int)phase, (int)trigger.Kind] = probe.Phase;
            }

            for (var i = 0; i < steps.Count; i++)
            {
                probe.Phase = phase;
                if (!steps[i].Guarded && phase is not (TicketPhase.Resolved or TicketPhase.Closed or TicketPhase.Active))
                {
                    machine.Fire(steps[i].Trigger);
                }

                unguardedSteps[i, (int)phase] = probe.Phase;
            }
        }

        current = null;
    }

    /// <summary>The policy this runtime runs.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>
    /// Starts a ticket from its <c>created</c> event. The event must be valid for the policy
    /// (<see cref="CompiledPolicy.Validate(TicketEvent)"/>).
    /// </summary>
    public Ticket Open(TicketEvent created, List<Decision> decisions, ExplainTrace? explain = null)
    {
        if (created.Kind != TicketEventKind.Created)
        {
            throw new ArgumentException("a ticket starts with a created event", nameof(created));
        }

        var ticket = new Ticket(created.TicketId, created.At.ToUnixTimeMilliseconds(), Policy.ValueSlotCount);
        Apply(ticket, created, decisions, explain);
        return ticket;
    }

    /// <summary>
    /// Applies one event: first every deadline due before the event fires, then the event. Deadlines
    /// due at the event's very instant wait until time moves on (a later event, or
    /// <see cref="AdvanceTo"/>), so every event at that instant counts as in time. Events earlier than
    /// the ticket's latest time are applied as of that latest time.
    /// </summary>
    public void Apply(Ticket ticket, TicketEvent e, List<Decision> decisions, ExplainTrace? explain = null)
    {
        Begin(ticket, decisions, explain);
        try
        {
            var at = Math.Max(e.At.ToUnixTimeMilliseconds(), ticket.FromOffset(ticket.LastEvent));
            if (e.Kind != TicketEventKind.Created)
            {
                RunDeadlines(at - 1);
            }

            // From here on the ticket has seen `at`: a deadline the event moves into the past (a
            // severity upgrade) fires at the event, not back in time.
            currentNow = at;
            ticket.See(at, atEvent: true);
            ApplyEvent(e, at);
        }
        finally
        {
            End();
        }
    }

    /// <summary>
    /// Sets whether pages went out on the ticket since paging last stopped, as the engine's outbox says. A migrated ticket
    /// is rebuilt by replaying its log under the new version, which may page where the old version notified, or notify
    /// where it paged; `stop paging` must stop the pages really sent, not the replay's (docs/engine.md, Migrations).
    /// </summary>
    public static void SetPagesSent(Ticket ticket, bool paged) =>
        ticket.Flags = paged ? ticket.Flags | TicketFlags.Paged : ticket.Flags & ~TicketFlags.Paged;

    /// <summary>Fires every deadline due at or before <paramref name="now"/>, each at its own time.</summary>
    public void AdvanceTo(Ticket ticket, Instant now, List<Decision> decisions, ExplainTrace? explain = null)
    {
        Begin(ticket, decisions, explain);
        try
        {
            var ms = now.ToUnixTimeMilliseconds();
            RunDeadlines(ms);
            ticket.See(ms, atEvent: false);
        }
        finally
        {
            End();
        }
    }

    private void Begin(Ticket ticket, List<Decision> decisions, ExplainTrace? explain)
    {
        if (current is not null)
        {
            throw new InvalidOperationException("a TicketRuntime processes one ticket at a time; use one runtime per thread");
        }

        current = ticket;
        output = decisions;
        trace = explain;

        // Settled at the end of every event and round; cleared here too, so nothing carries over to this ticket.
        acted = enteredMonitor = false;
    }

    private void End()
    {
        current = null;
        trace = null;
    }

    /// <summary>Moves the ticket as the configured machine moves it for this lifecycle trigger (see the constructor).</summary>
    /// <summary>Moves the current ticket through the lifecycle machine's table, tracing a change of state.</summary>
    /// <param name="trigger">The lifecycle trigger.</param>
    /// <param name="at">The instant.</param>
    /// <param name="detail">Said after the trigger's name in the trace (`mitigation planned`).</param>
    private void FireLifecycle(LifecycleTrigger trigger, long at, string? detail = null)
    {
        var t = current!;
        var before = t.Phase;
        t.Phase = lifecycle[(int)before, (int)trigger.Kind];
        if (trace is not null && before != t.Phase)
        {
            trace.Add(at, TraceKind.State, $"{before} -> {t.Phase} ({trigger.Name}{(detail is null ? "" : " " + detail)})");
        }
    }

    private bool GuardPasses(CompiledStep step)
    {
        step.CollectMissing(current!, currentNow, Policy, missingScratch);
        return missingScratch.Count == 0;
    }
}
