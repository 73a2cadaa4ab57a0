using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Time;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>Deadlines: computing, pausing and re-laying them out on severity changes (firing them: TicketRuntime.Rounds.cs).</summary>
public sealed partial class TicketRuntime
{
    private static int SlaBit(SlaComponent component, bool met) => 1 << ((int)component + (met ? 0 : 8));

    private const int HoldsBit = 1 << 30;

    /// <summary>In the SLA state slot, the breached bits of every component.</summary>
    private const int BreachedBits = 0xFF << 8;

    private static readonly SlaComponent[] SlaComponents = Enum.GetValues<SlaComponent>();

    private const int CadenceEndedBit = Compilation.SeverityLayout.CadenceEndedBit;

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
            NoteBreachSeverity(t, old[before.SlaStateSlot], before.Severity.Rank);
            if (after.CadenceCountSlot >= 0 && before.CadenceCountSlot >= 0)
            {
                clock[after.CadenceCountSlot] = old[before.CadenceCountSlot];
                clock[after.CadenceAnchorSlot] = old[before.CadenceAnchorSlot];
            }

            // Only a cadence that runs: due (started by its first update, not paused), not ended by its `until` (checked only at its due
            // time, so asked here too).
            if (before.CadenceDueSlot >= 0 && after.CadenceDueSlot < 0 && (old[before.CadenceCountSlot] & CadenceEndedBit) == 0 && !t.IsDone
                && old[before.CadenceDueSlot] != Ticket.NoDue && before.CadenceUntil?.Invoke(t, at) != true)
            {
                trace?.Add(at, TraceKind.Sla, $"customer update cadence ends: severity {after.Severity.Name} sets none");
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

    /// <summary>
    /// Before the severity changes, remembers the severity under which each breached component not yet noted was
    /// breached (<paramref name="state"/>: the SLA state slot), so the ticket's state can say it (<c>breached under sev1</c>).
    /// </summary>
    private static void NoteBreachSeverity(Ticket t, int state, int severity)
    {
        if ((state & BreachedBits) == 0)
        {
            return;
        }

        var under = (t.Extras ??= new TicketExtras()).BreachedUnder ??= new byte[SlaComponents.Length];
        foreach (var component in SlaComponents)
        {
            if ((state & SlaBit(component, met: false)) != 0 && under[(int)component] == 0)
            {
                under[(int)component] = (byte)(severity + 1);
            }
        }
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
        if (!layout.CadenceRuns(t))
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
        if (!paused)
        {
            t.Extras.SinceMovedWhilePaused = null; // restarted by the recompute
        }

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

                // An `every ... since X` whose X came while the clock was paused restarts here, as the event's own
                // re-anchoring would a moment later: the timeline gives the one deadline that takes effect.
                var since = NewerSince(t, rule, step);
                if (since is { } restart)
                {
                    t.Clock[step.AnchorSlot] = t.ToOffset(restart);
                }

                var from = step.AnchorSlot >= 0 ? t.FromOffset(t.Clock[step.AnchorSlot]) : start;
                t.Clock[step.DueSlot] = Due(t, from, step.Step.Duration!, step.Step.Calendar, (meta & StepSlot.Parked) != 0 ? null
                    : since is null ? DeadlineLabel.Step(step.Step) : Restarted(step.Step));
            }
        }
    }

    /// <summary>Marks each pending SLA component whose ask the ticket has done (or every one, once it is resolved) as met.</summary>
    /// <param name="t">The ticket.</param>
    /// <param name="layout">Its severity's layout.</param>
    /// <param name="at">The instant.</param>
    /// <param name="mitigation">The event is a mitigation: a `mitigate ... with FIELD` target it does not meet yet says why.</param>
    private void MarkSlaMet(Ticket t, Compilation.SeverityLayout layout, long at, bool mitigation = false)
    {
        ref var state = ref t.Clock[layout.SlaStateSlot];
        foreach (var sla in layout.Sla)
        {
            var bits = SlaBit(sla.Component, true) | SlaBit(sla.Component, false);
            if ((state & bits) != 0)
            {
                // A breached target stays breached; when tracing, the timeline says how late what it asked for came.
                if (trace is not null && (state & SlaBit(sla.Component, true)) == 0 && Satisfied(t, sla) && trace.TakeBreach(sla.Component) is { } target)
                {
                    trace.Add(at, TraceKind.Sla, $"SLA {ModelFormatter.Format(sla.Component)} late: {TimeArithmetic.Span(at - target)} after its target, {TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(target))} (it stays breached)");
                }

                continue;
            }

            // Resolving a ticket ends every clock: whatever was still pending counts as met.
            if (Satisfied(t, sla) || t.IsDone)
            {
                state |= SlaBit(sla.Component, true);
                t.Clock[sla.DueSlot] = Ticket.NoDue;
                trace?.Add(at, TraceKind.Sla, $"SLA {ModelFormatter.Format(sla.Component)} met{MetBy(t, sla)}");
            }
            else if (mitigation && sla.Component == SlaComponent.Mitigate)
            {
                trace?.Add(at, TraceKind.Sla, $"SLA mitigate not met yet: `mitigate within {ModelFormatter.Format(sla.Target.Within)} with {sla.Target.WithField!.Name}` waits for {sla.Target.WithField.Name} as well");
            }
        }
    }

    /// <summary>
    /// What met a mitigate target, in the trace (<c>: mitigation planned, and next_update is set</c>): a mitigation
    /// can meet it long before, at a severity change to a target without `with`, or once its field is set.
    /// </summary>
    private string MetBy(Ticket t, SlaSlot sla) => sla.Component != SlaComponent.Mitigate ? ""
        : t.Mitigation == 0 || sla.WithField is { } field && string.IsNullOrEmpty(field.Text(t, Policy)) ? $": the ticket is {(t.Phase == Machine.TicketPhase.Closed ? "closed" : "resolved")}"
        : $": mitigation {(t.Mitigation == 2 ? "contained" : "planned")} at {TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(t.TimeMs(t.Mitigation == 2 ? EventTime.Contained : EventTime.MitigationPlanned)))}"
            + (sla.Target.WithField is { } with ? $", and {with.Name} is set" : "");

    /// <summary>Whether the ticket has done what the SLA component asks for.</summary>
    private bool Satisfied(Ticket t, SlaSlot sla) => sla.Component switch
    {
        SlaComponent.Acknowledge => t.Has(EventTime.Acknowledged),
        SlaComponent.FirstUpdate => t.Has(EventTime.FirstUpdate),
        SlaComponent.Assign => t.Has(EventTime.EngineeringAssigned),
        SlaComponent.Mitigate => t.Has(EventTime.Resolved)
            || t.Mitigation > 0 && (sla.WithField is not { } with || !string.IsNullOrEmpty(with.Text(t, Policy))),
        SlaComponent.Resolve => t.Has(EventTime.Resolved),
        _ => false,
    };

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
}
