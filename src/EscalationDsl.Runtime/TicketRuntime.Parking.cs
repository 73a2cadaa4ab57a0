using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>
/// Parked `every` steps. An `every D while C` step whose tick finds C false, where C has no
/// `older than` or `during`, cannot fire again until an event (or the policy's own action at an event
/// or deadline) changes the ticket. Until then its ticks would only be skipped, so they wake nothing:
/// the step keeps its tick grid (anchor and next tick, moved on exactly as skipped ticks move it,
/// paused and restarted by `since` as before) but its deadline is left out of the ticket's next
/// deadline. Whenever the ticket changes (after an event, after a deadline round) a parked step whose
/// C holds again takes its place on that grid, so every decision is the one it was before.
/// </summary>
public sealed partial class TicketRuntime
{
    /// <summary>A tick found the step's `while` false and only an event can make it true: park it.</summary>
    private void Park(Ticket t, StepSlot slot, long at)
    {
        if ((t.Clock[slot.MetaSlot] & StepSlot.Parked) != 0)
        {
            return;
        }

        t.Clock[slot.MetaSlot] |= StepSlot.Parked;
        t.Flags |= TicketFlags.Parked;
        trace?.Add(at, TraceKind.Skipped, $"{StepLabel(slot.Step)}: skipped, `while` does not hold; no more ticks until it holds again (only an event or the policy's own actions can change it)");
        trace?.StepSkipped(slot.Step);
    }

    /// <summary>
    /// Moves parked steps over their ticks at or before <paramref name="limit"/> as a tick that finds
    /// `while` false moves them (see RunDueStep), with no round: nothing changed the ticket since it
    /// was last evaluated, so `while` is still false and every other condition is as it was.
    /// </summary>
    private void RunParkedTicks(Ticket t, long limit)
    {
        foreach (var rule in Policy.Layout(t).Rules)
        {
            foreach (var slot in rule.Steps)
            {
                if ((t.Clock[slot.MetaSlot] & StepSlot.Parked) == 0)
                {
                    continue;
                }

                var step = slot.Step;
                while (t.Clock[slot.DueSlot] != Ticket.NoDue && t.DueMs(t.Clock[slot.DueSlot]) <= limit)
                {
                    var at = t.DueMs(t.Clock[slot.DueSlot]);
                    t.Clock[slot.AnchorSlot] = t.ToOffset(at);
                    t.Clock[slot.DueSlot] = Due(t, at, step.Duration!, step.Calendar, null);
                }
            }
        }
    }

    /// <summary>
    /// The ticket's next deadline when some step may be parked: parked steps whose `while` holds again
    /// resume on their grid (their next tick is already where it would be), the others do not count.
    /// </summary>
    private int NextDueWithParking(Ticket t, SeverityLayout layout, long at)
    {
        if (!Unpark(t, layout, at))
        {
            t.Flags &= ~TicketFlags.Parked;
        }

        var next = Ticket.NoDue;
        for (var i = 0; i < layout.DueSlots.Length; i++)
        {
            var meta = layout.DueSlotSteps[i];
            if (meta < 0 || (t.Clock[meta] & StepSlot.Parked) == 0)
            {
                next = Math.Min(next, t.Clock[layout.DueSlots[i]]);
            }
        }

        return next;
    }

    /// <summary>Resumes the parked steps whose `while` holds again; true when some step stays parked.</summary>
    private bool Unpark(Ticket t, SeverityLayout layout, long at)
    {
        var parked = false;
        foreach (var rule in layout.Rules)
        {
            foreach (var slot in rule.Steps)
            {
                ref var meta = ref t.Clock[slot.MetaSlot];
                if ((meta & StepSlot.Parked) == 0)
                {
                    continue;
                }

                if (!slot.Step.Condition!(t, at))
                {
                    parked = true;
                    continue;
                }

                meta &= ~StepSlot.Parked;
                var due = t.Clock[slot.DueSlot];
                trace?.Add(at, TraceKind.Deadline, $"{StepLabel(slot.Step)}: `while` holds again; {(due == Ticket.NoDue ? "its next tick waits for the clocks to resume" : "next tick " + Iso(t.FromOffset(due)))}");
            }
        }

        return parked;
    }
}
