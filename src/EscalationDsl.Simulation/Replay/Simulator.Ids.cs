using System.Globalization;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Event ids, as the engine treats them (<see cref="EventIds"/>): an event repeated under its id is a
/// retry, skipped; another event under an id already used is a bad row. A ticket's ids are remembered
/// only while its events are kept (pending or held), and only when its events carry ids, so memory
/// follows the open tickets and a source without ids pays one null check per event. An id reused by a
/// ticket already reported is not seen (docs/simulator.md).
/// </summary>
public sealed partial class Simulator
{
    private sealed partial class Pass
    {
        /// <summary>True when the event's id was used by an earlier event of its ticket: the event is skipped, or reported as a bad row.</summary>
        private bool Repeats(TicketEvent e, string eventId, long row)
        {
            var ids = ReferenceEquals(lastPending.Id, e.TicketId) ? lastPending.Ticket.Ids
                : pending.TryGetValue(e.TicketId, out var waiting) ? waiting.Ids
                : held.TryGetValue(e.TicketId, out var replayed) ? replayed.Ids
                : null;
            if (ids is null || !ids.TryGetValue(eventId, out var earlier))
            {
                return false;
            }

            var where = "row " + earlier.Row.ToString(CultureInfo.InvariantCulture);
            if (EventIds.Same(earlier.Event, e))
            {
                // Not a bad row: the engine answers a retry again and applies nothing, so --strict goes on.
                options.Problem?.Invoke($"{source.DisplayName}:{row.ToString(CultureInfo.InvariantCulture)}: event id '{eventId}' repeats {where} (the same event); skipped, as the engine skips a retry");
            }
            else
            {
                Bad(row, EventIds.UsedInFile(eventId, earlier.Event, where));
            }

            return true;
        }

        /// <summary>
        /// Hands a replayed event to <see cref="SimulationOptions.Replayed"/> with an id, so that the
        /// emitted file can be posted to the engine (which requires one) and posted again as retries:
        /// its own, or <see cref="EmittedId"/>.
        /// </summary>
        private void Emit(TicketEvent e, TicketTrack track, Dictionary<string, (TicketEvent Event, long Row)>? ids)
        {
            if (options.Replayed is { } replayed)
            {
                replayed(e.EventId is null ? e with { EventId = EmittedId(e.TicketId, track.EventsApplied, ids) } : e);
            }
        }

        /// <summary>Notes the id of an event kept for its ticket.</summary>
        private static void Remember(ref Dictionary<string, (TicketEvent Event, long Row)>? ids, TicketEvent e, long row)
        {
            if (e.EventId is { } eventId)
            {
                (ids ??= new(StringComparer.Ordinal)).TryAdd(eventId, (e, row));
            }
        }
    }

    /// <summary>
    /// The id of an emitted event that has none: the ticket id, a slash and the event's position in
    /// its ticket's replay (<c>INC0000045/1</c> is its created event), the same for the same input. An
    /// id the input gave another event of the ticket is not taken again: a suffix <c>.2</c>, <c>.3</c>,
    /// ... follows (docs/simulator.md).
    /// </summary>
    internal static string EmittedId(string ticketId, int position, Dictionary<string, (TicketEvent Event, long Row)>? ids)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"{ticketId}/{position}");
        for (var suffix = 2; ids is not null && ids.ContainsKey(id); suffix++)
        {
            id = string.Create(CultureInfo.InvariantCulture, $"{ticketId}/{position}.{suffix}");
        }

        return id;
    }
}
