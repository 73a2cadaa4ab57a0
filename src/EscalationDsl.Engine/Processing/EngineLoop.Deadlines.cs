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
            if (!tickets.TryGetValue(id, out var entry) || entry.ScheduledDue != due)
            {
                continue; // rescheduled or closed since it was queued
            }

            entry.ScheduledDue = long.MaxValue;
            scratch.Clear();
            var previous = entry.State;
            entry.Policy.Runtime.AdvanceTo(entry.Ticket, instant, scratch);
            store.InsertAdvance.Execute(id, now, now);
            StoreDecisions(entry, scratch, now);
            AfterChange(entry, previous);
            if (live)
            {
                Metrics.SchedulerLag.Record((now - due) / 1000.0);
            }
        }
    }
}
