using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Tickets of ungrouped sources after their first <c>closed</c> event: replayed, but kept so that a
/// reopen (and what follows it, until the next close) continues the same ticket. A held ticket that
/// is closed and has no events waiting is "idle"; when more than <see cref="ClosedKept"/> are idle,
/// the one idle longest is reported and forgotten. Tickets that are open again, or have events
/// waiting, are never released early. Everything still held is reported at the end of the input.
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
            if (ticket.Ticket.IsDone)
            {
                MarkIdle(id, ticket);
            }
        }

        /// <summary>An event for a held ticket: it waits until the ticket closes again (or is released).</summary>
        private void Continue(string id, HeldTicket ticket, Buffered b)
        {
            if (b.Event.Kind == TicketEventKind.Created)
            {
                Bad(b.Row, $"ticket '{id}' already has a created event (row {ticket.CreatedRow.ToString(System.Globalization.CultureInfo.InvariantCulture)}); a ticket is created once");
                return;
            }

            if (ticket.Idle)
            {
                ticket.Idle = false;
                idle--;
            }

            Remember(ref ticket.Ids, b.Event, b.Row);
            ticket.More.Add(b);
            if (b.Event.Kind == TicketEventKind.Closed)
            {
                ApplyMore(id, ticket);
                if (ticket.Ticket.IsDone)
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

        /// <summary>Applies the events read for a held ticket since it was replayed, in time order.</summary>
        private void ApplyMore(string id, HeldTicket ticket)
        {
            var more = ticket.More;
            Buffered.SortByTime(more);
            foreach (var b in more)
            {
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

            more.Clear();
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

            ApplyMore(id, ticket);
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

        /// <summary>The time of the latest event applied.</summary>
        public Instant Last { get; set; } = last;

        public long CreatedRow { get; } = createdRow;

        /// <summary>Order of first replay (end-of-input reporting follows it).</summary>
        public long Sequence { get; } = sequence;

        public List<Buffered> More { get; } = [];

        /// <summary>The ids of the ticket's events (from its pending time on), with the first event and row of each; null while none has an id.</summary>
        public Dictionary<string, (TicketEvent Event, long Row)>? Ids;

        /// <summary>Closed with no events waiting: may be released when too many are.</summary>
        public bool Idle { get; set; }

        /// <summary>Bumped each time the ticket becomes idle, so older queue entries are recognised.</summary>
        public int Generation { get; set; }
    }
}
