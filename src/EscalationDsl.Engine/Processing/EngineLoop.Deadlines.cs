using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Running due deadlines: the scheduler's tick, recorded in the ticket log so replays match. Every
/// ticket is advanced to the instant the tick started; the lag metric reads the clock per deadline.
/// </summary>
internal sealed partial class EngineLoop
{
    public void AdvanceDue()
    {
        var now = Now;
        var instant = Instant.FromUnixTimeMilliseconds(now);
        while (queue.TryPeek(out var id, out var due) && due <= now)
        {
            queue.Dequeue();
            if (!IsCurrent(id, due))
            {
                continue; // rescheduled or closed since it was queued
            }

            // The lag runs from when the deadline fell due to when its run starts, read for each
            // deadline: the later ones of a large tick wait for the earlier ones.
            var caughtUp = dueWhenScheduled.Remove(id);
            if (live && !caughtUp)
            {
                Metrics.SchedulerLag.Record((Now - due) / 1000.0);
            }

            var entry = new TicketEntry(tickets[id]);
            scratch.Clear();
            var phaseBefore = entry.Ticket.State;
            entry.Policy.Runtime.AdvanceTo(entry.Ticket, instant, scratch);
            AppendAdvance(id, now);
            StoreDecisions(entry, scratch, now);
            AfterChange(entry, phaseBefore, due, now);
        }
    }
}
