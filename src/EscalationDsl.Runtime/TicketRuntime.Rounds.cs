using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Deadline rounds: firing due deadlines in time order, each at its own time, and what a round ends with.</summary>
public sealed partial class TicketRuntime
{
    /// <summary>Fires every deadline at or before <paramref name="limit"/>, earliest first, each at its own time.</summary>
    private void RunDeadlines(long limit)
    {
        var t = current!;
        while (true)
        {
            // A parked step's ticks before this round (or up to the limit) run here, without a round of their own.
            var next = t.NextDue == Ticket.NoDue ? long.MaxValue : t.DueMs(t.NextDue);
            if ((t.Flags & TicketFlags.Parked) != 0)
            {
                RunParkedTicks(t, Math.Min(limit, next - 1));
            }

            if (next > limit)
            {
                break;
            }

            var due = t.NextDue;
            var at = next;
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
                if (!t.IsDone)
                {
                    RetryBlocked(t, layout, at, byTime: true); // a `require` guard's `when` may have stopped holding
                }

                ReevaluateAfterRound(t, layout, at);
                continue;
            }

            // Rule steps first: a step's action at this instant is as in time as an event would be, so
            // a step that assigns engineering at the assign target's instant meets it. A breach or
            // missed update at this instant still counts against the owner (and level) that held the
            // ticket until now, not the one a step hands it to at the same instant.
            // A step fires only while its rule applies: after an earlier step's action at this instant (an
            // escalation, for a rule `when escalation_level == 0`) it is held back until the round's end
            // judges the rule, as an event would: stopped, or (handed back meanwhile) firing next round.
            var holder = (Owner: CurrentOwner(t), t.Level);
            var before = ReadState.Of(t);
            foreach (var rule in layout.Rules)
            {
                foreach (var step in rule.Steps)
                {
                    if (step.DueSlot >= 0 && t.Clock[step.DueSlot] == due && t.Clock[rule.StartSlot] != Ticket.Never)
                    {
                        if (!StillApplies(t, rule, step.Step, before, at))
                        {
                            continue;
                        }

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
                    trace?.NoteBreach(sla.Component, t.FromOffset(due));
                }
            }

            if (layout.CadenceDueSlot >= 0 && t.Clock[layout.CadenceDueSlot] == due)
            {
                if (layout.CadenceUntil is { } until && until(t, at))
                {
                    t.Clock[layout.CadenceDueSlot] = Ticket.NoDue;
                    t.Clock[layout.CadenceCountSlot] |= CadenceEndedBit;
                    trace?.Add(at, TraceKind.Sla, "customer update cadence ends: its `until` condition holds");
                    trace?.CadenceEnded(layout.Cadence!);
                }
                else
                {
                    trace?.CadenceMissed();
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

            // The round's own actions (a hand-over) can end a guard's `when` (`when owner == frontline`): what it held
            // back goes ahead now, as after an event, not at the ticket's next event.
            RetryBlocked(t, layout, at);
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
                trace?.StepSkipped(step);
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
            trace?.StepSkipped(step);
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
}
