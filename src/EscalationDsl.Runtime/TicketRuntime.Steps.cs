using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Steps: which fire at an event, firing one through its Stateless transition, and escalations blocked by missing fields.</summary>
public sealed partial class TicketRuntime
{
    /// <summary>What an event changed that <c>on</c> steps ask about beyond its kind.</summary>
    private readonly record struct EventChanges(bool SeverityRaised, bool SeverityLowered, bool FirstUpdate);

    private void ReactToEvent(Ticket t, Compilation.SeverityLayout layout, TicketEventKind kind, TicketEvent e, EventChanges changes, long at)
    {
        var before = ReadState.Of(t);
        foreach (var rule in layout.Rules)
        {
            foreach (var step in rule.Steps)
            {
                if (step.Step.Kind == StepKind.On && t.Clock[rule.StartSlot] != Ticket.Never && Matches(step.Step, kind, e, changes))
                {
                    if (!StillApplies(t, rule, step.Step, before, at))
                    {
                        continue;
                    }

                    FireOnStep(t, step, at);
                }
            }
        }
    }

    private void FireOnStep(Ticket t, StepSlot step, long at)
    {
        if (step.Step.Condition is { } when && !when(t, at))
        {
            trace?.Add(at, TraceKind.Skipped, $"{StepLabel(step.Step)}: skipped, `when` does not hold");
            return;
        }

        FireStep(t, step, at);
    }

    private bool Matches(CompiledStep step, TicketEventKind kind, TicketEvent e, EventChanges changes) => step.OnEvent switch
    {
        TriggerEvent.Created => kind == TicketEventKind.Created,
        TriggerEvent.Acknowledged => kind == TicketEventKind.Acknowledged,
        TriggerEvent.FirstUpdate => changes.FirstUpdate,
        TriggerEvent.CustomerUpdate => kind is TicketEventKind.CustomerUpdate or TicketEventKind.FirstUpdate,
        TriggerEvent.Assigned => kind == TicketEventKind.Assigned,
        TriggerEvent.EngineeringAssigned => kind == TicketEventKind.Assigned
            && (e.Engineering || e.Owner is not null && Policy.Owner(e.Owner)?.IsEngineering == true),
        TriggerEvent.FieldSet => kind == TicketEventKind.FieldSet,
        TriggerEvent.SeverityChanged => kind == TicketEventKind.SeverityChanged,
        TriggerEvent.SeverityRaised => changes.SeverityRaised,
        TriggerEvent.SeverityLowered => changes.SeverityLowered,
        TriggerEvent.Flagged => kind == TicketEventKind.Flagged,
        TriggerEvent.WorkaroundFailed => kind == TicketEventKind.WorkaroundFailed,
        TriggerEvent.Mitigation => kind == TicketEventKind.Mitigation,
        TriggerEvent.MitigationPlanned => kind == TicketEventKind.Mitigation && e.Mitigation == "planned",
        TriggerEvent.Contained => kind == TicketEventKind.Mitigation && e.Mitigation == "contained",
        TriggerEvent.Status => kind == TicketEventKind.Status,
        TriggerEvent.Resolved => kind == TicketEventKind.Resolved,
        TriggerEvent.Closed => kind == TicketEventKind.Closed,
        TriggerEvent.Reopened => kind == TicketEventKind.Reopened,
        TriggerEvent.FlagRaised => step.FlagIndex >= 0 && flagsRaised[step.FlagIndex],
        _ => false,
    };

    /// <summary>Fires a step: one more occurrence, the Stateless transition (guarded), then its actions.</summary>
    private void FireStep(Ticket t, StepSlot slot, long at)
    {
        var step = slot.Step;
        var occurrence = (t.Clock[slot.MetaSlot] & StepSlot.OccurrenceMask) + 1;
        // A new occurrence takes the place of an escalation still blocked from the one before: an `every` or `on` step
        // escalates once per firing, not once more for each firing a guard held back.
        var replacesBlocked = (t.Clock[slot.MetaSlot] & StepSlot.Blocked) != 0;
        t.Clock[slot.MetaSlot] = (t.Clock[slot.MetaSlot] & ~(StepSlot.OccurrenceMask | StepSlot.Blocked)) | occurrence;
        trace?.Add(at, TraceKind.Fired, replacesBlocked
            ? $"{StepLabel(step)} fires (occurrence {occurrence}, in place of the escalation still blocked from occurrence {occurrence - 1})"
            : $"{StepLabel(step)} fires (occurrence {occurrence})");
        var firstFate = trace is not null && !trace.Decided(step); // a forecast marks what the step's first firing does
        trace?.StepFired(step);
        currentNow = at;

        // An assignment written before the escalation runs first (with the actions before it), so that the escalation,
        // its `next` and `owner`, and the `when` of a guard that reads the owner, are all judged from the owner it leaves.
        var first = step.AssignsBeforeEscalating;
        if (first > 0)
        {
            RunActions(t, step.Actions, step, occurrence, at, ActionFilter.All, IdPrefix.Of(t, step, occurrence), step.Rule.PageGuards, 0, first);
        }

        var escalationAllowed = true;
        if (step.Escalates && !WillEscalate(t, step, from: first))
        {
            // The escalation would name nobody new: the ticket keeps its state (the actions say why).
        }
        else if (step.Guarded && !machine.CanFire(step.Trigger))
        {
            // The guard failed: collect what is missing (the guard left it in the scratch list).
            GuardPasses(step);
            var missing = missingScratch.ToImmutableArray();
            t.Clock[slot.MetaSlot] |= StepSlot.Blocked;
            escalationAllowed = false;
            var blocked = step.BlockReason(t, at, Policy, missingScratch);
            Emit(t, IdPrefix.Of(t, step, occurrence).Missing(), at, DecisionKind.MissingInformation, CurrentOwner(t), step, occurrence, null, missing, blocked);
            if (firstFate)
            {
                trace!.StepBlocked(step, blocked);
            }
        }
        else
        {
            FireStepTrigger(step, at);
        }

        RunActions(t, step.Actions, step, occurrence, at, escalationAllowed ? ActionFilter.All : ActionFilter.AllButEscalate, IdPrefix.Of(t, step, occurrence), step.Rule.PageGuards, first);
    }

    /// <summary>
    /// True when one of the step's escalations, from action <paramref name="from"/> on, names an owner other than the
    /// one holding the ticket by then. The actions run in order, so an `assign` among them moves the owner that `next`
    /// and `owner` are read from. A released escalation (<paramref name="onlyEscalations"/>) runs without its step's
    /// assignments, which went out when the step fired.
    /// </summary>
    private bool WillEscalate(Ticket t, CompiledStep step, int from = 0, bool onlyEscalations = false)
    {
        var owner = CurrentOwner(t);
        for (var i = from; i < step.Actions.Length; i++)
        {
            switch (step.Actions[i])
            {
                case AssignAction assign when !onlyEscalations:
                    owner = Resolve(t, owner, assign.Owner, currentNow, step, quiet: true) ?? owner;
                    break;
                case EscalateAction escalate:
                    if (Resolve(t, owner, escalate.Owner, currentNow, step, quiet: true) is { } target && target.Index != (owner?.Index ?? -1))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private void FireStepTrigger(CompiledStep step, long at)
    {
        var before = current!.Phase;
        currentNow = at;
        if (step.Guarded)
        {
            machine.Fire(step.Trigger);
        }
        else
        {
            current.Phase = unguardedSteps[step.GlobalIndex, (int)before];
        }

        if (trace is not null && before != current.Phase)
        {
            trace.Add(at, TraceKind.State, $"{before} -> {current.Phase} ({step.Rule.Name} #{step.Index})");
        }
    }

    /// <summary>
    /// A guard whose <c>when</c> ended at this instant released nothing because another guard holds the escalation now
    /// (`when during business`, then `when not during business`): the trace says what it waits for instead, since the
    /// blocked notice promised a release at this instant.
    /// </summary>
    private void TraceBlockHandedOver(Ticket t, CompiledStep step, long at)
    {
        var ended = step.Guards.Where(g => g.TimeDependent && g.When!(t, at - 1) && g.Lifted(t, at, Policy)).Select(g => g.Quoted).ToList();
        if (ended.Count == 0)
        {
            return;
        }

        step.CollectMissing(t, at, Policy, missingScratch);
        trace!.Add(at, TraceKind.Fired,
            $"{StepLabel(step)}: {CompiledRequireGuard.NoLongerHold(ended)}, but the escalation stays blocked: {step.BlockReason(t, at, Policy, missingScratch)}");
    }

    /// <summary>
    /// Escalations blocked by missing fields go out as soon as the fields are there, or the <c>when</c> of the guard
    /// that held them back stops holding (<paramref name="byTime"/>: time alone, at a recheck of `during` and `older than`).
    /// </summary>
    private void RetryBlocked(Ticket t, Compilation.SeverityLayout layout, long at, bool byTime = false)
    {
        foreach (var rule in layout.Rules)
        {
            foreach (var slot in rule.Steps)
            {
                if ((t.Clock[slot.MetaSlot] & StepSlot.Blocked) == 0 || t.Clock[rule.StartSlot] == Ticket.Never)
                {
                    continue;
                }

                // The step's own tick due at this instant fires it again, in place of the blocked escalation (FireStep).
                var tick = slot.DueSlot >= 0 && (t.Clock[slot.MetaSlot] & StepSlot.Parked) == 0 ? t.Clock[slot.DueSlot] : Ticket.NoDue;
                if (tick != Ticket.NoDue && t.DueMs(tick) <= at)
                {
                    continue;
                }

                currentNow = at;
                if (slot.Step.Guarded && !machine.CanFire(slot.Step.Trigger))
                {
                    if (byTime && trace is not null)
                    {
                        TraceBlockHandedOver(t, slot.Step, at);
                    }

                    continue;
                }

                // An earlier rule's `on` step at this event may have ended this rule's `when`.
                if (!StillApplies(t, rule, slot.Step, null, at, "the blocked escalation is held back"))
                {
                    continue;
                }

                t.Clock[slot.MetaSlot] &= ~StepSlot.Blocked;
                var occurrence = t.Clock[slot.MetaSlot] & StepSlot.OccurrenceMask;
                // A guard that holds with its fields set was released by them; otherwise the guards whose `when` ended did it
                // (worked out only when a trace is recorded).
                trace?.Add(at, TraceKind.Fired, !slot.Step.Guards.Any(g => (g.When is null || g.When(t, at)) && g.Fields.Length > 0)
                    && slot.Step.Guards.Where(g => g.Lifted(t, at, Policy)).Select(g => g.Quoted).ToList() is { Count: > 0 } lifted
                    ? $"{StepLabel(slot.Step)}: {CompiledRequireGuard.NoLongerHold(lifted)}, the blocked escalation goes ahead"
                    : $"{StepLabel(slot.Step)}: required fields are set, the blocked escalation goes ahead");

                // As in FireStep: an escalation that now names nobody new (the ticket was handed to its
                // target meanwhile, or `next` names nobody) keeps the ticket's state; the actions say why.
                if (WillEscalate(t, slot.Step, onlyEscalations: true))
                {
                    FireStepTrigger(slot.Step, at);
                }

                RunActions(t, slot.Step.Actions, slot.Step, occurrence, at, ActionFilter.OnlyEscalate, IdPrefix.Of(t, slot.Step, occurrence), slot.Step.Rule.PageGuards);
            }
        }
    }
}
