using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Time;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Deadlines: computing, pausing, re-laying out on severity changes, and firing them in time order.</summary>
public sealed partial class TicketRuntime
{
    private static int SlaBit(SlaComponent component, bool met) => 1 << ((int)component + (met ? 0 : 8));

    private const int HoldsBit = 1 << 30;

    /// <summary>In the cadence count slot: the cadence ended (its `until` held, or the ticket was resolved) and waits for a customer update or a reopen.</summary>
    private const int CadenceEndedBit = 1 << 30;

    /// <summary>Moves the ticket to the clock layout of its (new) severity, carrying over what both share.</summary>
    private void Relayout(Ticket t, Compilation.SeverityLayout? before, Compilation.SeverityLayout after, long at)
    {
        var old = t.Clock;
        var clock = new int[after.Length];
        foreach (var slot in after.DueSlots)
        {
            clock[slot] = Ticket.NoDue;
        }

        if (after.CadenceAnchorSlot >= 0)
        {
            clock[after.CadenceAnchorSlot] = Ticket.Never;
        }

        if (before is not null)
        {
            // SLA met/breached bits are per component, so they carry over as they are.
            clock[after.SlaStateSlot] = old[before.SlaStateSlot];
            if (after.CadenceCountSlot >= 0 && before.CadenceCountSlot >= 0)
            {
                clock[after.CadenceCountSlot] = old[before.CadenceCountSlot];
                clock[after.CadenceAnchorSlot] = old[before.CadenceAnchorSlot];
            }

            for (var d = 0; d < Policy.Deescalations.Length; d++)
            {
                clock[after.DeescalationBase + d] = old[before.DeescalationBase + d];
            }

            foreach (var rule in before.Rules)
            {
                if (after.FindRule(rule.Rule.Index) is null)
                {
                    if (old[rule.StartSlot] != Ticket.Never)
                    {
                        trace?.Add(at, TraceKind.Rule, $"rule {rule.Rule.Name} no longer applies: severity is now {after.Severity.Name}");
                    }

                    var retired = (t.Extras ??= new TicketExtras()).Retired ??= new int[Policy.TotalSteps];
                    foreach (var step in rule.Steps)
                    {
                        retired[step.Step.GlobalIndex] = old[step.MetaSlot] & StepSlot.OccurrenceMask;
                    }
                }
            }
        }

        foreach (var rule in after.Rules)
        {
            var previous = before?.FindRule(rule.Rule.Index);
            clock[rule.StartSlot] = previous is null ? Ticket.Never : old[previous.StartSlot];
            for (var i = 0; i < rule.Steps.Length; i++)
            {
                var step = rule.Steps[i];
                if (previous is not null)
                {
                    var from = previous.Steps[i];
                    clock[step.MetaSlot] = old[from.MetaSlot];
                    if (step.DueSlot >= 0)
                    {
                        clock[step.DueSlot] = old[from.DueSlot];
                    }

                    if (step.AnchorSlot >= 0)
                    {
                        clock[step.AnchorSlot] = old[from.AnchorSlot];
                    }
                }
                else
                {
                    clock[step.MetaSlot] = t.Retired?[step.Step.GlobalIndex] ?? 0;
                }
            }
        }

        t.Clock = clock;
        RecomputeSla(t, after, at);
    }

    /// <summary>SLA clocks run from creation (mitigate and resolve from the latest reopen) with the current severity's targets.</summary>
    private void RecomputeSla(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        currentNow = at;
        var state = t.Clock[layout.SlaStateSlot];
        foreach (var sla in layout.Sla)
        {
            if ((state & (SlaBit(sla.Component, true) | SlaBit(sla.Component, false))) != 0 || t.IsDone)
            {
                t.Clock[sla.DueSlot] = Ticket.NoDue;
                continue;
            }

            var start = sla.Component is SlaComponent.Mitigate or SlaComponent.Resolve && t.Has(EventTime.Reopened)
                ? t.TimeMs(EventTime.Reopened)
                : t.CreatedMs;
            t.Clock[sla.DueSlot] = Due(t, start, sla.Target.Within, sla.Calendar, DeadlineLabel.Sla(sla.Component, "due"));
        }

        RecomputeCadence(t, layout);
    }

    private void RecomputeCadence(Ticket t, Compilation.SeverityLayout layout)
    {
        if (layout.Cadence is not { } cadence)
        {
            return;
        }

        // An ended cadence stays ended when deadlines are recomputed (a pause, a severity change);
        // only a customer update or a reopen starts it again.
        if (!t.Has(EventTime.CustomerUpdate) || t.IsDone || (t.Clock[layout.CadenceCountSlot] & CadenceEndedBit) != 0)
        {
            t.Clock[layout.CadenceDueSlot] = Ticket.NoDue;
            return;
        }

        // The current interval starts at the latest customer update, or at the latest missed
        // update after it: recomputing (a pause, a severity change) must not count a missed
        // interval again.
        var from = t.TimeMs(EventTime.CustomerUpdate);
        var missedAt = t.Clock[layout.CadenceAnchorSlot];
        if (missedAt != Ticket.Never)
        {
            from = Math.Max(from, t.FromOffset(missedAt));
        }

        t.Clock[layout.CadenceDueSlot] = Due(t, from, cadence.Interval, layout.CadenceCalendar, DeadlineLabel.Text("next customer update due"));
    }

    /// <summary>Starts or ends a pause when the pause condition changes, and recomputes every deadline.</summary>
    /// <returns>True when a pause started or ended, and every running wait was measured again.</returns>
    private bool UpdatePause(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        var paused = !t.IsDone && Policy.Pause is { } pause && pause(t, at);
        var was = (t.Flags & TicketFlags.Paused) != 0;
        if (paused == was)
        {
            return false;
        }

        // A pause starts and ends on the whole second the ticket keeps for the event, as every other time
        // does: two events within one second make a pause of zero length, not one of a few milliseconds
        // that would move each deadline a second later.
        var second = t.FromOffset(t.ToOffset(at));
        var pauses = (t.Extras ??= new TicketExtras()).Pauses ??= new PauseSet();
        if (paused)
        {
            pauses.Begin(second);
            t.Flags |= TicketFlags.Paused;
            trace?.Add(at, TraceKind.Sla, $"SLA clocks paused (pause sla while {PauseThatHolds(t, at)} holds)");
        }
        else
        {
            pauses.End(second);
            t.Flags &= ~TicketFlags.Paused;
            trace?.Add(at, TraceKind.Sla, "SLA clocks resumed");
        }

        RecomputeWaits(t, layout, at);
        return true;
    }

    /// <summary>The text of the first <c>pause sla while</c> condition that holds, for the timeline.</summary>
    private string PauseThatHolds(Ticket t, long at)
    {
        var conditions = Policy.PauseConditions;
        for (var i = 0; i < conditions.Length; i++)
        {
            if (conditions[i](t, at))
            {
                return Policy.PauseTexts[i];
            }
        }

        return "...";
    }

    /// <summary>
    /// Computes every running wait again from its start: the SLA targets and the rules' timed steps (after
    /// a pause starts or ends, or the value that chooses the ticket's calendar changes).
    /// </summary>
    private void RecomputeWaits(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        RecomputeSla(t, layout, at);
        foreach (var rule in layout.Rules)
        {
            if (t.Clock[rule.StartSlot] == Ticket.Never)
            {
                continue;
            }

            var start = t.FromOffset(t.Clock[rule.StartSlot]);
            foreach (var step in rule.Steps)
            {
                // A blocked `every` step keeps repeating, so its next deadline pauses like any other;
                // a fired `after` step (blocked or not) and an `every` step at its cap are done.
                var meta = t.Clock[step.MetaSlot];
                if (step.DueSlot < 0 || (meta & StepSlot.Done) != 0 || step.CapReached(meta))
                {
                    continue;
                }

                var from = step.AnchorSlot >= 0 ? t.FromOffset(t.Clock[step.AnchorSlot]) : start;
                t.Clock[step.DueSlot] = Due(t, from, step.Step.Duration!, step.Step.Calendar, (meta & StepSlot.Parked) != 0 ? null : DeadlineLabel.Step(step.Step));
            }
        }
    }

    private void MarkSlaMet(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        ref var state = ref t.Clock[layout.SlaStateSlot];
        foreach (var sla in layout.Sla)
        {
            var bits = SlaBit(sla.Component, true) | SlaBit(sla.Component, false);
            if ((state & bits) != 0)
            {
                continue;
            }

            var met = sla.Component switch
            {
                SlaComponent.Acknowledge => t.Has(EventTime.Acknowledged),
                SlaComponent.FirstUpdate => t.Has(EventTime.FirstUpdate),
                SlaComponent.Assign => t.Has(EventTime.EngineeringAssigned),
                SlaComponent.Mitigate => t.Has(EventTime.Resolved)
                    || t.Mitigation > 0 && (sla.WithField is not { } with || !string.IsNullOrEmpty(with.Text(t, Policy))),
                SlaComponent.Resolve => t.Has(EventTime.Resolved),
                _ => false,
            };

            // Resolving a ticket ends every clock: whatever was still pending counts as met.
            if (met || t.IsDone)
            {
                state |= SlaBit(sla.Component, true);
                t.Clock[sla.DueSlot] = Ticket.NoDue;
                trace?.Add(at, TraceKind.Sla, $"SLA {ModelFormatter.Format(sla.Component)} met");
            }
        }
    }

    private void StopClocks(Ticket t, Compilation.SeverityLayout layout)
    {
        foreach (var rule in layout.Rules)
        {
            if (t.Clock[rule.StartSlot] != Ticket.Never)
            {
                Deactivate(t, rule, currentNow, t.Phase == Machine.TicketPhase.Closed ? "the ticket is closed" : "the ticket is resolved");
            }
        }

        if (layout.CadenceDueSlot >= 0)
        {
            t.Clock[layout.CadenceDueSlot] = Ticket.NoDue;
        }

        if (layout.CadenceCountSlot >= 0)
        {
            t.Clock[layout.CadenceCountSlot] |= CadenceEndedBit;
        }
    }

    private void UpdateNextDue(Ticket t, long at)
    {
        var layout = Policy.Layout(t);
        if ((t.Flags & TicketFlags.Parked) != 0)
        {
            t.NextDue = NextDueWithParking(t, layout, at);
            return;
        }

        var next = Ticket.NoDue;
        foreach (var slot in layout.DueSlots)
        {
            if (t.Clock[slot] < next)
            {
                next = t.Clock[slot];
            }
        }

        t.NextDue = next;
    }

    /// <summary>Fires every deadline at or before <paramref name="limit"/>, earliest first, each at its own time.</summary>
    private void RunDeadlines(long limit)
    {
        var t = current!;
        while (true)
        {
            // A parked step's ticks before this round (or up to the limit) run here, without a round of their own.
            var next = t.NextDue == Ticket.NoDue ? long.MaxValue : t.FromOffset(t.NextDue);
            if ((t.Flags & TicketFlags.Parked) != 0)
            {
                RunParkedTicks(t, Math.Min(limit, next - 1));
            }

            if (next > limit)
            {
                break;
            }

            var due = t.NextDue;
            var at = Math.Max(t.FromOffset(due), t.FromOffset(t.LastEvent));
            currentNow = at;
            var layout = Policy.Layout(t);
            if (layout.RecheckSlot >= 0 && t.Clock[layout.RecheckSlot] == due)
            {
                // Time alone may have changed an `older than` or `during`: before anything else due
                // at this instant, as at an event: the pause first (SLA clocks stop or resume), then
                // the rules (a rule that stops cancels its steps) and the deescalations. Deadlines
                // still due at this instant run in the next round.
                t.Clock[layout.RecheckSlot] = Ticket.NoDue;
                trace?.Add(at, TraceKind.Deadline, "time-dependent conditions evaluated again (`older than`, `during`)");
                UpdatePause(t, layout, at);
                ReevaluateAfterRound(t, layout, at);
                continue;
            }

            // Rule steps first: a step's action at this instant is as in time as an event would be, so
            // a step that assigns engineering at the assign target's instant meets it. A breach or
            // missed update at this instant still counts against the owner (and level) that held the
            // ticket until now, not the one a step hands it to at the same instant.
            var holder = (Owner: CurrentOwner(t), t.Level);
            foreach (var rule in layout.Rules)
            {
                foreach (var step in rule.Steps)
                {
                    if (step.DueSlot >= 0 && t.Clock[step.DueSlot] == due && t.Clock[rule.StartSlot] != Ticket.Never)
                    {
                        RunDueStep(t, step, at);
                    }
                }
            }

            foreach (var sla in layout.Sla)
            {
                if (t.Clock[sla.DueSlot] == due)
                {
                    t.Clock[sla.DueSlot] = Ticket.NoDue;
                    t.Clock[layout.SlaStateSlot] |= SlaBit(sla.Component, false);
                    Breach(t, sla.Component, at, holder.Owner, holder.Level);
                }
            }

            if (layout.CadenceDueSlot >= 0 && t.Clock[layout.CadenceDueSlot] == due)
            {
                if (layout.CadenceUntil is { } until && until(t, at))
                {
                    t.Clock[layout.CadenceDueSlot] = Ticket.NoDue;
                    t.Clock[layout.CadenceCountSlot] |= CadenceEndedBit;
                    trace?.Add(at, TraceKind.Sla, "customer update cadence ends: its `until` condition holds");
                }
                else
                {
                    var missed = ++t.Clock[layout.CadenceCountSlot] & ~CadenceEndedBit;
                    t.Clock[layout.CadenceAnchorSlot] = t.ToOffset(at);
                    MissedUpdate(t, missed, at, holder.Owner, holder.Level);
                    t.Clock[layout.CadenceDueSlot] = Due(t, at, layout.Cadence!.Interval, layout.CadenceCalendar, DeadlineLabel.Text("next customer update due"));
                }
            }

            ReevaluateAfterRound(t, layout, at);
        }
    }

    /// <summary>
    /// The end of a deadline round: rules that start or stop, deescalations, the next recheck of
    /// time-dependent conditions, and the ticket's next deadline.
    /// </summary>
    private void ReevaluateAfterRound(Ticket t, SeverityLayout layout, long at)
    {
        if (!t.IsDone)
        {
            // These rules see what the round's steps did; what they and the deescalations do next is settled after.
            acted = false;
            UpdateRules(t, layout, at);
        }

        SettleAfterActions(t, layout, at);

        // The policy's own actions at this instant (an `enter monitor`, a hand-over, an escalation) can
        // change what `pause sla while` reads (`monitoring`, `owner`, `escalation_level`), so the pause
        // is evaluated again after them; otherwise it would start only at the ticket's next event.
        UpdatePause(t, layout, at);
        ScheduleRecheck(t, layout, at);
        UpdateNextDue(t, at);
    }

    private void RunDueStep(Ticket t, StepSlot slot, long at)
    {
        var step = slot.Step;
        if (step.Kind == StepKind.After)
        {
            t.Clock[slot.DueSlot] = Ticket.NoDue;
            t.Clock[slot.MetaSlot] |= StepSlot.Done;
            if (step.Condition is { } unless && unless(t, at))
            {
                trace?.Add(at, TraceKind.Skipped, $"{StepLabel(step)}: skipped, `unless` holds");
                return;
            }

            FireStep(t, slot, at);
            return;
        }

        // every: the next interval starts now, whether or not this one fires.
        t.Clock[slot.AnchorSlot] = t.ToOffset(at);
        if (slot.CapReached(t.Clock[slot.MetaSlot]))
        {
            t.Clock[slot.DueSlot] = Ticket.NoDue;
            return;
        }

        var holds = step.Condition is not { } whileCondition || whileCondition(t, at);
        var parks = !holds && step.ParksWhileFalse;

        // The firing that reaches `up to N times` has no next tick: none is computed (nor traced).
        t.Clock[slot.DueSlot] = holds && slot.CapReached(t.Clock[slot.MetaSlot] + 1)
            ? Ticket.NoDue
            : Due(t, at, step.Duration!, step.Calendar, parks ? null : DeadlineLabel.Step(step, " next"));
        if (parks)
        {
            Park(t, slot, at);
            return;
        }

        if (!holds)
        {
            trace?.Add(at, TraceKind.Skipped, $"{StepLabel(step)}: skipped, `while` does not hold");
            return;
        }

        // A parked step whose tick shares a round with the action that made `while` hold fires here.
        t.Clock[slot.MetaSlot] &= ~StepSlot.Parked;
        FireStep(t, slot, at);
        if (slot.CapReached(t.Clock[slot.MetaSlot]))
        {
            t.Clock[slot.DueSlot] = Ticket.NoDue;
            trace?.Add(at, TraceKind.Skipped, $"{StepLabel(step)}: cap of {step.Cap} reached, no more repeats");
        }
    }

    /// <summary>Starts rules whose selector now holds and stops those whose selector no longer does.</summary>
    private void UpdateRules(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        foreach (var rule in layout.Rules)
        {
            var applies = rule.Rule.When is not { } when || when(t, at);
            var active = t.Clock[rule.StartSlot] != Ticket.Never;
            if (applies && !active)
            {
                Activate(t, rule, at);
            }
            else if (!applies && active)
            {
                Deactivate(t, rule, at, "its condition no longer holds");
            }
        }
    }

    private void Activate(Ticket t, RuleSlot rule, long at)
    {
        var start = t.ToOffset(at);
        t.Clock[rule.StartSlot] = start;
        var startMs = t.FromOffset(start);
        trace?.Add(at, TraceKind.Rule, $"rule {rule.Rule.Name} applies");
        currentNow = at;

        // `owner X`: who holds the ticket when the rule starts, unless somebody already does.
        if (t.OwnerIndex < 0 && rule.Rule.Model.StartOwner is { } startOwner)
        {
            t.OwnerIndex = (short)startOwner.Index;
            trace?.Add(at, TraceKind.Rule, $"owner {startOwner.Name} (the rule's starting owner)");
        }

        foreach (var step in rule.Steps)
        {
            t.Clock[step.MetaSlot] &= StepSlot.OccurrenceMask;
            var s = step.Step;
            if (s.Kind == StepKind.After)
            {
                t.Clock[step.DueSlot] = Due(t, startMs, s.Duration!, s.Calendar, DeadlineLabel.Step(s));
            }
            else if (s.Kind == StepKind.Every)
            {
                var anchor = startMs;
                if (s.Since is { } since && SinceTime(t, since) is { } sinceMs && sinceMs > anchor)
                {
                    anchor = sinceMs;
                }

                // A step at its cap (`up to N times` counts over the ticket's life) stays without a deadline.
                t.Clock[step.AnchorSlot] = t.ToOffset(anchor);
                t.Clock[step.DueSlot] = step.CapReached(t.Clock[step.MetaSlot])
                    ? Ticket.NoDue
                    : Due(t, t.FromOffset(t.Clock[step.AnchorSlot]), s.Duration!, s.Calendar, DeadlineLabel.Step(s));
            }
        }

        foreach (var step in rule.Steps)
        {
            if (step.Step.Kind == StepKind.Immediate && t.Clock[rule.StartSlot] != Ticket.Never)
            {
                FireStep(t, step, at);
            }
        }
    }

    private void Deactivate(Ticket t, RuleSlot rule, long at, string reason)
    {
        t.Clock[rule.StartSlot] = Ticket.Never;
        foreach (var step in rule.Steps)
        {
            t.Clock[step.MetaSlot] &= StepSlot.OccurrenceMask;
            if (step.DueSlot >= 0)
            {
                t.Clock[step.DueSlot] = Ticket.NoDue;
            }
        }

        trace?.Add(at, TraceKind.Rule, $"rule {rule.Rule.Name} stops: {reason}");
    }

    /// <summary>`every ... since X`: a newer X starts a new interval.</summary>
    private void Reanchor(Ticket t, Compilation.SeverityLayout layout, Events.TicketEventKind kind, long at)
    {
        if ((kind is Events.TicketEventKind.CustomerUpdate or Events.TicketEventKind.FirstUpdate) && layout.CadenceCountSlot >= 0)
        {
            t.Clock[layout.CadenceCountSlot] &= ~CadenceEndedBit;
            RecomputeCadence(t, layout);
        }

        foreach (var rule in layout.Rules)
        {
            if (t.Clock[rule.StartSlot] == Ticket.Never)
            {
                continue;
            }

            foreach (var step in rule.Steps)
            {
                if (step.Step is { Kind: StepKind.Every, Since: { } since } s
                    && SinceTime(t, since) is { } sinceMs
                    && t.ToOffset(sinceMs) > t.Clock[step.AnchorSlot]
                    && t.Clock[step.DueSlot] != Ticket.NoDue)
                {
                    t.Clock[step.AnchorSlot] = t.ToOffset(sinceMs);
                    t.Clock[step.DueSlot] = Due(
                        t,
                        t.FromOffset(t.Clock[step.AnchorSlot]),
                        s.Duration!,
                        s.Calendar,
                        (t.Clock[step.MetaSlot] & StepSlot.Parked) != 0 ? null : DeadlineLabel.Step(s, " (restarted by ", since.Field.Name, ")"));
                }
            }
        }
    }

    private static long? SinceTime(Ticket t, FieldAccess since) => since.Storage switch
    {
        FieldStorage.Event => t.Times[since.Slot] == Ticket.Never ? null : t.FromOffset(t.Times[since.Slot]),
        FieldStorage.Created => t.CreatedMs,
        FieldStorage.Value when since.Field.Type == FieldType.Time => ConditionCompiler.ParseTime(t.Values[since.Slot]),
        _ => null,
    };

    private static string StepLabel(CompiledStep step) => $"{step.Rule.Name} #{step.Index} ({ModelFormatter.Format(step.Model.Trigger)})";
}
