using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Rules starting and stopping, and the anchors of their steps.</summary>
public sealed partial class TicketRuntime
{
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
            acted = true; // a rule `when owner == ...` evaluated before this one sees the owner in the next pass
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

    /// <summary>
    /// Whether a rule still applies as <paramref name="step"/> is about to fire: when the policy's own
    /// actions since <paramref name="before"/> (an earlier step's at this instant; null: since the rules
    /// were last judged) made its `when` false, the step is held back (the trace says so, as
    /// <paramref name="what"/>). The rule itself is judged once the instant's other steps have run, as at
    /// an event: it stops then if its `when` is still false, and otherwise a timed step still due fires in
    /// the next round at this instant.
    /// </summary>
    private bool StillApplies(Ticket t, RuleSlot rule, CompiledStep step, ReadState? before, long at, string what = "held back")
    {
        if (ReadState.Of(t) == before || rule.Rule.When is not { } when || when(t, at))
        {
            return true;
        }

        trace?.Add(at, TraceKind.Skipped, before is null
            ? $"{StepLabel(step)}: {what}, the rule's `when` no longer holds at this instant"
            : $"{StepLabel(step)}: {what}, the rule's `when` does not hold after the policy's own actions at this instant");
        trace?.StepHeldBack(step);
        return false;
    }

    private void Deactivate(Ticket t, RuleSlot rule, long at, string reason)
    {
        t.Clock[rule.StartSlot] = Ticket.Never;
        trace?.Add(at, TraceKind.Rule, $"rule {rule.Rule.Name} stops: {reason}");
        foreach (var step in rule.Steps)
        {
            if ((t.Clock[step.MetaSlot] & StepSlot.Blocked) != 0)
            {
                trace?.Add(at, TraceKind.Skipped, $"{StepLabel(step.Step)}: its blocked escalation is dropped with the rule");
            }

            t.Clock[step.MetaSlot] &= StepSlot.OccurrenceMask;
            if (step.DueSlot >= 0)
            {
                t.Clock[step.DueSlot] = Ticket.NoDue;
            }
        }

        trace?.RuleStops(rule, reason);
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
                if (NewerSince(t, rule, step) is { } sinceMs && t.Clock[step.DueSlot] != Ticket.NoDue)
                {
                    var s = step.Step;
                    t.Clock[step.AnchorSlot] = t.ToOffset(sinceMs);
                    t.Clock[step.DueSlot] = Due(
                        t,
                        sinceMs,
                        s.Duration!,
                        s.Calendar,
                        (t.Clock[step.MetaSlot] & StepSlot.Parked) != 0 ? null : Restarted(s));
                }
            }
        }
    }

    /// <summary>
    /// For an `every ... since X` step, where its interval starts anew: an X newer than the interval's start, or for a time
    /// field, its new instant when the current event moved it, later or earlier (a mistyped year corrected), though not
    /// before the rule started (cleared, the field leaves the interval running); otherwise null.
    /// </summary>
    private long? NewerSince(Ticket t, RuleSlot rule, StepSlot step)
    {
        if (step.Step is not { Kind: StepKind.Every, Since: { } since } || SinceTime(t, since) is not { } sinceMs)
        {
            return null;
        }

        if (since.Storage == FieldStorage.Value)
        {
            // Moved by this event, or by one while the clock was paused (the event itself could not restart the interval):
            // to any other instant. Otherwise only a later one counts, as for events: a tick moves the interval's start
            // past the field's instant.
            var from = Math.Max(sinceMs, t.FromOffset(t.Clock[rule.StartSlot]));
            var offset = t.ToOffset(from);
            var moved = movedSince.Contains(since.Slot) || (t.Extras?.SinceMovedWhilePaused is { } whilePaused && Array.IndexOf(whilePaused, since.Slot) >= 0);
            var restarts = moved ? offset != t.Clock[step.AnchorSlot] : offset > t.Clock[step.AnchorSlot];
            return restarts ? from : null;
        }

        return t.ToOffset(sinceMs) > t.Clock[step.AnchorSlot] ? sinceMs : null;
    }

    /// <summary>The trace label of an `every ... since X` step's deadline when X restarts its interval.</summary>
    private static DeadlineLabel Restarted(CompiledStep step) => DeadlineLabel.Step(step, " (restarted by ", step.Since!.Value.Field.Name, ")");

    private static long? SinceTime(Ticket t, FieldAccess since) => since.Storage switch
    {
        FieldStorage.Event => t.Times[since.Slot] == Ticket.Never ? null : t.FromOffset(t.Times[since.Slot]),
        FieldStorage.Created => t.CreatedMs,
        FieldStorage.Value when since.Field.Type == FieldType.Time => ConditionCompiler.ParseTime(t.Values[since.Slot]),
        _ => null,
    };

    private static string StepLabel(CompiledStep step) => $"{step.Rule.Name} #{step.Index} ({ModelFormatter.Format(step.Model.Trigger)})";
}
