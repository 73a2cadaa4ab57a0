using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Applying one event to the ticket record, then letting rules, pauses and deescalations react.</summary>
public sealed partial class TicketRuntime
{
    private void ApplyEvent(TicketEvent e, long at)
    {
        var t = current!;
        var layoutBefore = t.Clock.Length == 0 ? null : Policy.Layout(t);
        var severityBefore = t.SeverityIndex;
        trace?.Add(at, TraceKind.Event, Describe(e));

        // Flags before the event, to see which ones it raises (`on FLAG`).
        ReadFlags(t, flagsBefore);
        var kind = e.Kind;
        var severityRaised = false;
        var severityLowered = false;

        var chosenBefore = Policy.ChosenCalendar(t);

        // `on first_update` means the first customer update, whichever event carries it (events.md).
        var firstUpdate = kind is TicketEventKind.FirstUpdate or TicketEventKind.CustomerUpdate && !t.Has(EventTime.FirstUpdate);

        switch (kind)
        {
            case TicketEventKind.Created:
                t.SeverityIndex = (byte)Policy.Model.FindSeverity(e.Severity!)!.Rank;
                SetSlot(t, Policy.IssueTypeSlot, e.IssueType);
                if (e.Owner is not null && Policy.Owner(e.Owner) is { } initial)
                {
                    t.OwnerIndex = (short)initial.Index;
                }
                else if (e.Owner is not null)
                {
                    trace?.Add(at, TraceKind.Rule, UndeclaredOwner(e.Owner));
                }

                break;
            case TicketEventKind.Acknowledged:
                SetOnce(t, EventTime.Acknowledged, at);
                FireLifecycle(Policy.Lifecycle.Acknowledge, at);
                break;
            case TicketEventKind.FirstUpdate:
            case TicketEventKind.CustomerUpdate:
                SetOnce(t, EventTime.FirstUpdate, at);
                t.Set(EventTime.CustomerUpdate, at);
                break;
            case TicketEventKind.Assigned:
                var owner = e.Owner is null ? null : Policy.Owner(e.Owner);
                t.OwnerIndex = (short)(owner?.Index ?? -1);
                if (owner is null && e.Owner is not null)
                {
                    trace?.Add(at, TraceKind.Rule, UndeclaredOwner(e.Owner));
                }
                if (e.Engineering || owner?.IsEngineering == true)
                {
                    MarkEngineeringAssigned(t, at);
                }

                break;
            case TicketEventKind.SeverityChanged:
                var rank = (byte)Policy.Model.FindSeverity(e.Severity!)!.Rank;
                severityRaised = rank < t.SeverityIndex;
                severityLowered = rank > t.SeverityIndex;
                t.SeverityIndex = rank;
                break;
            case TicketEventKind.Flagged:
                if (e.Flag is not null && Policy.ValueSlot(e.Flag) is >= 0 and var flagSlot)
                {
                    t.Values[flagSlot] = "true";
                }

                break;
            case TicketEventKind.WorkaroundFailed:
                t.Set(EventTime.WorkaroundFailed, at);
                break;
            case TicketEventKind.Mitigation:
                var contained = string.Equals(e.Mitigation, "contained", StringComparison.Ordinal);
                t.Mitigation = Math.Max(t.Mitigation, contained ? (byte)2 : (byte)1);
                SetOnce(t, EventTime.MitigationPlanned, at);
                if (contained)
                {
                    SetOnce(t, EventTime.Contained, at);
                }

                FireLifecycle(Policy.Lifecycle.Mitigate, at, contained ? "contained" : "planned");
                break;
            case TicketEventKind.Status:
                SetSlot(t, Policy.StatusSlot, e.Status);
                break;
            case TicketEventKind.Resolved:
                SetOnce(t, EventTime.Resolved, at);
                FireLifecycle(Policy.Lifecycle.Resolve, at);
                break;
            case TicketEventKind.Closed:
                SetOnce(t, EventTime.Resolved, at);
                FireLifecycle(Policy.Lifecycle.Close, at);
                break;
            case TicketEventKind.Reopened:
                if (t.IsDone)
                {
                    Reopen(t, at);
                }
                else
                {
                    trace?.Add(at, TraceKind.Skipped, "reopened: the ticket is not resolved or closed, so nothing restarts (on reopened steps still run)");
                }

                break;
        }

        movedSince.Clear();
        if (e.Fields is { } fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var slot = Policy.ValueSlot(fields[i].Key);
                if (slot >= 0 && Policy.IsSinceSlot(slot) && fields[i].Value is { Length: > 0 } value
                    && ConditionCompiler.ParseTime(value) != ConditionCompiler.ParseTime(t.Values[slot]))
                {
                    movedSince.Add(slot);
                }

                SetSlot(t, slot, fields[i].Value);
            }
        }

        var layout = Policy.Layout(t);
        if (layout != layoutBefore)
        {
            Relayout(t, layoutBefore, layout, at);
        }
        else if (severityBefore != t.SeverityIndex)
        {
            RecomputeSla(t, layout, at);
        }

        // `calendar by`: every running wait is measured from its start on the calendar the value chooses now;
        // one whose new deadline has passed falls due at once. A pause starting or ending does the same.
        var rechosen = kind != TicketEventKind.Created && !t.IsDone && Policy.ChosenCalendar(t) is { } chosen && chosen != chosenBefore;
        if (rechosen)
        {
            trace?.Add(at, TraceKind.Sla, $"{Policy.Model.CalendarChoice!.Field.Name} now chooses calendar {Policy.ChosenCalendar(t)!.Name} (was {chosenBefore!.Name}): running deadlines are measured again from their start, and any now passed fall due at once");
        }

        if (!UpdatePause(t, layout, at) && rechosen)
        {
            RecomputeWaits(t, layout, at);
        }
        MarkSlaMet(t, layout, at, kind == TicketEventKind.Mitigation);
        if (t.IsDone)
        {
            StopClocks(t, layout);
        }
        else
        {
            UpdateRules(t, layout, at);
            ReadFlags(t, flagsRaised);
            for (var i = 0; i < flagsRaised.Length; i++)
            {
                flagsRaised[i] &= !flagsBefore[i];
            }

            ReactToEvent(t, layout, kind, e, new EventChanges(severityRaised, severityLowered, firstUpdate), at);
            Reanchor(t, layout, kind, at);
            RetryBlocked(t, layout, at);
        }

        SettleAfterActions(t, layout, at);
        UpdatePause(t, layout, at); // again, after the policy's own actions (see ReevaluateAfterRound)
        ScheduleRecheck(t, layout, at);
        UpdateNextDue(t, at);
        RememberSinceMovedWhilePaused(t);
        movedSince.Clear(); // the event's own moves: a later deadline run restarts nothing by them
    }

    /// <summary>
    /// A `since` time field the event moved while the SLA clock stays paused restarts nothing now (no interval runs);
    /// the pause's end restarts it (<see cref="NewerSince"/>), so the move is kept until then.
    /// </summary>
    private void RememberSinceMovedWhilePaused(Ticket t)
    {
        if (movedSince.Count == 0 || (t.Flags & TicketFlags.Paused) == 0)
        {
            return;
        }

        var extras = t.Extras ??= new TicketExtras();
        foreach (var slot in movedSince)
        {
            if (extras.SinceMovedWhilePaused is not { } moved)
            {
                extras.SinceMovedWhilePaused = [slot];
            }
            else if (Array.IndexOf(moved, slot) < 0)
            {
                extras.SinceMovedWhilePaused = [.. moved, slot];
            }
        }
    }

    private static void SetSlot(Ticket t, int slot, string? value)
    {
        if (slot >= 0)
        {
            t.Values[slot] = value;
        }
    }

    private static void SetOnce(Ticket t, EventTime slot, long at)
    {
        if (!t.Has(slot))
        {
            t.Set(slot, at);
        }
    }

    private void MarkEngineeringAssigned(Ticket t, long at)
    {
        SetOnce(t, EventTime.EngineeringAssigned, at);
        FireLifecycle(Policy.Lifecycle.AssignEngineering, at);

        // A policy `assign`/`escalate` runs outside the event's own SLA bookkeeping (at a deadline,
        // or after it in an `on` step), so the assign target is marked met here.
        MarkSlaMet(t, Policy.Layout(t), at);
    }

    /// <summary>Reopen: resolution and mitigation are undone, modes cleared, rules restart from now.</summary>
    private void Reopen(Ticket t, long at)
    {
        FireLifecycle(Policy.Lifecycle.Reopen, at);
        t.Cycle++;
        t.Set(EventTime.Reopened, at);
        foreach (var slot in new[] { EventTime.Resolved, EventTime.Contained, EventTime.MitigationPlanned })
        {
            t.Times[(int)slot] = Ticket.Never;
        }

        t.Mitigation = 0;
        t.Flags &= ~(TicketFlags.Monitoring | TicketFlags.PagingStopped);
        var layout = Policy.Layout(t);
        foreach (var rule in layout.Rules)
        {
            if (t.Clock[rule.StartSlot] != Ticket.Never)
            {
                Deactivate(t, rule, at, "the ticket was reopened");
            }
        }

        // Mitigate and resolve clocks restart from the reopen; the others stay as they were.
        ref var state = ref t.Clock[layout.SlaStateSlot];
        foreach (var sla in layout.Sla)
        {
            if (sla.Component is SlaComponent.Mitigate or SlaComponent.Resolve)
            {
                state &= ~(SlaBit(sla.Component, met: true) | SlaBit(sla.Component, met: false));
                if (t.Extras?.BreachedUnder is { } under)
                {
                    under[(int)sla.Component] = 0;
                }

                t.Clock[sla.DueSlot] = Due(t, t.TimeMs(EventTime.Reopened), sla.Target.Within, sla.Calendar, DeadlineLabel.Sla(sla.Component, "restarted by the reopen"));
            }
        }

        // The update cadence (ended by the resolution) starts again: its next interval runs from the reopen.
        if (layout.Cadence is not null && t.Has(EventTime.CustomerUpdate))
        {
            t.Clock[layout.CadenceCountSlot] &= ~CadenceEndedBit;
            t.Clock[layout.CadenceAnchorSlot] = t.ToOffset(at);
            RecomputeCadence(t, layout);
        }
    }

    /// <summary>Which of the watched flags (<see cref="CompiledPolicy.WatchedFlagSlots"/>) are true, in their order.</summary>
    private void ReadFlags(Ticket t, bool[] into)
    {
        var slots = Policy.WatchedFlagSlots;
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = slots[i] < t.Values.Length && ConditionCompiler.IsTrue(t.Values[slots[i]]);
        }
    }

    private static string Describe(TicketEvent e)
    {
        var detail = e.Kind switch
        {
            TicketEventKind.Created => $" severity={e.Severity}{(e.IssueType is null ? "" : $" issue_type={e.IssueType}")}{(e.Owner is null ? "" : $" owner={e.Owner}")}{(e.Engineering ? " (engineering)" : "")}",
            TicketEventKind.Assigned => $" owner={e.Owner}{(e.Engineering ? " (engineering)" : "")}",
            TicketEventKind.SeverityChanged => $" severity={e.Severity}",
            TicketEventKind.Flagged => $" flag={e.Flag}",
            TicketEventKind.Mitigation => $" status={e.Mitigation}",
            TicketEventKind.Status => $" status={e.Status}",
            _ => string.Empty,
        };
        var fields = e.Fields is { Count: > 0 } f ? " " + string.Join(" ", f.Select(kv => $"{kv.Key}={kv.Value}")) : string.Empty;
        return $"event {TicketEventKinds.Name(e.Kind)}{detail}{fields}";
    }

    /// <summary>
    /// An owner the policy does not declare leaves the ticket with none the policy knows (events.md):
    /// an export's person or queue name, or a typo in a drill's event file, which the timeline says.
    /// </summary>
    private string UndeclaredOwner(string name)
    {
        var near = NameSuggester.Closest(name, Policy.Model.Owners.Select(o => o.Name));
        return $"owner {name} is not declared in policy {Policy.Name}, so the policy does not know it as the ticket's owner{(near.Count == 0 ? "" : $" (did you mean {string.Join(" or ", near)}?)")}";
    }
}
