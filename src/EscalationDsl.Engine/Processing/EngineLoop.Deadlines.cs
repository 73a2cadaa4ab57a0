using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>Running due deadlines: the scheduler's tick, recorded in the ticket log so replays match.</summary>
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

            var entry = new TicketEntry(tickets[id]);
            scratch.Clear();
            var phaseBefore = entry.Ticket.State;
            entry.Policy.Runtime.AdvanceTo(entry.Ticket, instant, scratch);
            store.InsertAdvance.Execute(id, now, now);
            StoreDecisions(entry, scratch, now);
            AfterChange(entry, phaseBefore, due);
            if (live)
            {
                Metrics.SchedulerLag.Record((now - due) / 1000.0);
            }
        }
    }
}
