using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Tickets of ungrouped sources after their first <c>closed</c> event: replayed, but kept so that a
/// reopen (and what follows it, until the next close) continues the same ticket. Events are applied
/// up to the ticket's latest close; those dated after it wait, as a reopen dated before them may still
/// be read. A held ticket that is closed and has no reopen waiting is "idle"; when more than
/// <see cref="ClosedKept"/> are idle, the one idle longest is reported (what waits applied) and
/// forgotten. Tickets that are open again, or have a reopen waiting, are never released early.
/// Everything still held is reported at the end of the input.
/// </summary>
public sealed partial class Simulator
{
    private sealed partial class Pass
    {
        private readonly Dictionary<string, HeldTicket> held = new(StringComparer.Ordinal);

        /// <summary>Idle tickets, oldest first; an entry whose generation is out of date is skipped.</summary>
        private readonly Queue<(string Id, int Generation)> idleOrder = new();
        private int idle;
        private long heldSequence;

        private void Hold(string id, HeldTicket ticket)
        {
            held[id] = ticket;
            if (Resting(ticket))
            {
                MarkIdle(id, ticket);
            }
        }

        /// <summary>
        /// Closed, with no reopen waiting: what waits is dated after the close and leaves it closed, so
        /// the ticket may be released (those events applied) when too many others are idle.
        /// </summary>
        private static bool Resting(HeldTicket ticket) =>
            ticket.Ticket.IsDone && !ticket.More.Exists(b => b.Event.Kind == TicketEventKind.Reopened);

        /// <summary>An event for a held ticket: it waits until the ticket closes again (or is released).</summary>
        private void Continue(string id, HeldTicket ticket, Buffered b)
        {
            if (b.Event.Kind == TicketEventKind.Created)
            {
                Bad(b.Row, $"ticket '{id}' already has a created event (row {ticket.CreatedRow.ToString(System.Globalization.CultureInfo.InvariantCulture)}); a ticket is created once");
                return;
            }

            Remember(ref ticket.Ids, b.Event, b.Row);
            ticket.More.Add(b);
            if (b.Event.Kind is TicketEventKind.Closed or TicketEventKind.Reopened && ticket.Idle)
            {
                ticket.Idle = false;
                idle--;
            }

            if (b.Event.Kind == TicketEventKind.Closed)
            {
                ApplyMore(id, ticket, throughLastClose: true);
                if (Resting(ticket))
                {
                    MarkIdle(id, ticket);
                }
            }
        }

        private void MarkIdle(string id, HeldTicket ticket)
        {
            ticket.Idle = true;
            ticket.Generation++;
            idle++;
            idleOrder.Enqueue((id, ticket.Generation));
            while (idle > ClosedKept && idleOrder.TryDequeue(out var oldest))
            {
                if (held.TryGetValue(oldest.Id, out var candidate) && candidate.Idle && candidate.Generation == oldest.Generation)
                {
                    Release(oldest.Id);
                }
            }

            // Entries made stale by reopens are dropped now and then, so the queue follows the idle tickets.
            if (idleOrder.Count > 2 * idle + 1024)
            {
                var current = idleOrder.Where(e => held.TryGetValue(e.Id, out var h) && h.Idle && h.Generation == e.Generation).ToList();
                idleOrder.Clear();
                foreach (var entry in current)
                {
                    idleOrder.Enqueue(entry);
                }
            }
        }

        /// <summary>
        /// Applies the events read for a held ticket since it was replayed, in time order: all of them, or
        /// those up to its latest close (a reopen dated between that close and a later event may still
        /// be read). An event dated before the close already applied is a bad row.
        /// </summary>
        private void ApplyMore(string id, HeldTicket ticket, bool throughLastClose)
        {
            var more = ticket.More;
            Buffered.SortByTime(more);
            var through = throughLastClose ? more.FindLastIndex(b => b.Event.Kind == TicketEventKind.Closed) + 1 : more.Count;
            for (var i = 0; i < through; i++)
            {
                var b = more[i];
                if (b.Event.At < ticket.Last)
                {
                    Bad(b.Row, $"ticket '{id}': this {TicketEventKinds.Name(b.Event.Kind)} event at {TicketEventJson.FormatTime(b.Event.At)} comes before {TicketEventJson.FormatTime(ticket.Last)}, when the ticket was closed and already replayed");
                    if (stopped)
                    {
                        return;
                    }

                    continue;
                }

                ticket.Last = Apply(ticket.Ticket, ticket.Track, b, ticket.Ids);
            }

            more.RemoveRange(0, through);
            Buffered.Renumber(more);
        }

        /// <summary>No more events are expected for a held ticket: apply what waits and report it (or park it, if open).</summary>
        private void Release(string id)
        {
            if (!held.Remove(id, out var ticket))
            {
                return;
            }

            if (ticket.Idle)
            {
                ticket.Idle = false;
                idle--;
            }

            ApplyMore(id, ticket, throughLastClose: false);
            Done(ticket.Ticket, ticket.Track, ticket.Last);
        }

        /// <summary>The end of the input: every held ticket, in the order they were first replayed.</summary>
        private void ReleaseAll()
        {
            foreach (var (id, _) in held.OrderBy(h => h.Value.Sequence).ToList())
            {
                if (stopped)
                {
                    return;
                }

                Release(id);
            }
        }
    }

    /// <summary>A replayed ticket of an ungrouped source, with the events read for it since.</summary>
    private sealed class HeldTicket(Ticket ticket, TicketTrack track, Instant last, long createdRow, long sequence)
    {
        public Ticket Ticket { get; } = ticket;

        public TicketTrack Track { get; } = track;

        /// <summary>The time of the latest event applied: once closed, the ticket's latest close, as events after it wait in <see cref="More"/>.</summary>
        public Instant Last { get; set; } = last;

        public long CreatedRow { get; } = createdRow;

        /// <summary>Order of first replay (end-of-input reporting follows it).</summary>
        public long Sequence { get; } = sequence;

        public List<Buffered> More { get; } = [];

        /// <summary>The ids of the ticket's events (from its pending time on), with the first event and row of each; null while none has an id.</summary>
        public Dictionary<string, (TicketEvent Event, long Row)>? Ids;

        /// <summary>Closed with no reopen waiting: may be released when too many are.</summary>
        public bool Idle { get; set; }

        /// <summary>Bumped each time the ticket becomes idle, so older queue entries are recognised.</summary>
        public int Generation { get; set; }
    }
}
