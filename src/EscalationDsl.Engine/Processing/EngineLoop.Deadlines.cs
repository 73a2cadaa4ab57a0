using EscalationDsl.Engine.Observability;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Running due deadlines: the scheduler's tick, recorded in the ticket log so replays match. Every
/// ticket is advanced to the instant the tick started; the lag metric reads the clock per deadline.
/// A ticket whose run throws (a bug) fails the tick the first time, which rebuilds memory from the
/// database as any bug on the loop does; if it throws again once rebuilt, it is set aside, so one
/// ticket cannot hold up every other ticket's deadlines.
/// </summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Tickets whose deadline run threw and has not succeeded since. Every such failure rebuilds
    /// memory from the database, so another one is not damaged memory but the ticket's stored state
    /// meeting a bug.
    /// </summary>
    private readonly HashSet<string> failedRuns = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs every deadline due by now; returns how many ran (one per ticket: a ticket's run fires all of
    /// it that is due). With <paramref name="rebuilt"/> (at start, right after the tickets are rebuilt
    /// from their logs) a ticket whose run throws is set aside at once.
    /// </summary>
    public int AdvanceDue(bool rebuilt = false)
    {
        var ran = 0;
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
            var before = Place(entry);
            var acknowledged = entry.Ticket.AcknowledgedAt;
            var assigned = entry.Ticket.EngineeringAssignedAt;
            var done = entry.Ticket.IsDone;
            try
            {
                entry.Policy.Runtime.AdvanceTo(entry.Ticket, instant, scratch);
            }
            catch (Exception e) when ((rebuilt || failedRuns.Contains(id)) && !dirtyTickets.ContainsKey(id))
            {
                // Not when an earlier request of this group changed the ticket: its row would be written
                // from the half-advanced memory. Then the group fails, and the ticket, run alone, is set aside.
                SetAside(entry, before, e);
                continue;
            }
            catch
            {
                failedRuns.Add(id); // the tick fails and memory is rebuilt; a second failure sets it aside
                throw;
            }

            if (failedRuns.Count > 0)
            {
                failedRuns.Remove(id);
            }

            AppendAdvance(id, now);
            RecordResponseTimes(entry, acknowledged, assigned, done); // a step's `assign` to an engineering owner counts too
            StoreDecisions(entry, scratch, now);
            AfterChange(entry, before, due, now);
            ran++;
        }

        return ran;
    }

    /// <summary>
    /// A ticket whose deadline run threw with its memory rebuilt from the database: no stored input
    /// should make it (a bug in the runtime or the engine). Nothing of the run is stored; the ticket
    /// leaves memory as one whose log cannot be replayed does (requests for it answer <c>Ticket
    /// unavailable</c>, its stored rows are kept, a restart tries it again), and the run goes on
    /// with the other tickets' deadlines.
    /// </summary>
    private void SetAside(TicketEntry entry, OpenPlace before, Exception cause)
    {
        var id = entry.Ticket.Id;
        scratch.Clear();
        tickets.Remove(id); // stays among failedRuns: rebuilt by a later reload, it is set aside at its first failure
        dueWhenScheduled.Remove(id);
        Metrics.MoveTicket(before, default);
        if (unavailable.Add(id))
        {
            logger.LogCritical(cause, "Running the due deadlines of ticket {Ticket} failed (a bug); nothing of the run is stored, the ticket is left out of memory and requests for it fail until the engine restarts; its stored events are kept and the other tickets' deadlines go on", id);
        }
    }
}
