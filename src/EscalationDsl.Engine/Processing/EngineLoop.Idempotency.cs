using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Event ids make requests idempotent: an event sent again (a client's retry) is answered with its
/// original result and stored once; an id sent again with another event is refused
/// (<see cref="EventIds.Same"/>, the rule event files follow too).
/// </summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// For an event whose id is already stored: null when the stored event is this one (a retry),
    /// otherwise what the id was used for.
    /// </summary>
    private string? ReusedFor(string eventId, TicketEvent e)
    {
        using var reader = store.FindEvent.Query(eventId);
        reader.Read();
        var stored = StoredEvent.Parse(reader.GetString(2), reader.GetString(1));
        return EventIds.Same(stored, e) ? null
            : $"Event id '{eventId}' was already used for another event ({TicketEventKinds.Name(stored.Kind)} of ticket '{stored.TicketId}' at {TicketEventJson.FormatTime(stored.At)}); give every event its own id, and resend exactly the same event to retry.";
    }

    /// <summary>
    /// The result of an event seen before, recomputed by replaying its ticket's log up to it (the
    /// runtime is deterministic, so this is the original answer; after a migration it describes the
    /// ticket under its new policy version).
    /// </summary>
    private EventResult ReplayResult(string eventId)
    {
        long seq;
        string ticketId;
        using (var reader = store.FindEvent.Query(eventId))
        {
            reader.Read();
            seq = reader.GetInt64(0);
            ticketId = reader.GetString(1);
        }

        var log = Log(ticketId)!.Value;
        var runtime = new TicketRuntime(log.Version.Compiled);
        var decisions = new List<Decision>();
        Ticket? ticket = null;
        var late = false;
        List<ValueWarning>? warnings = null;
        foreach (var (kind, at, body, rowSeq) in log.Rows)
        {
            if (rowSeq > seq)
            {
                break;
            }

            decisions.Clear();
            if (kind == "advance")
            {
                runtime.AdvanceTo(ticket!, Instant.FromUnixTimeMilliseconds(at), decisions);
                continue;
            }

            var e = StoredEvent.Parse(body!, ticketId);
            late = ticket is not null && e.At < ticket.LatestAt;
            warnings = Warnings(log.Version, e, metrics: null);
            if (ticket is null)
            {
                ticket = runtime.Open(e, decisions);
            }
            else
            {
                runtime.Apply(ticket, e, decisions);
            }
        }

        return new EventResult(eventId, ticketId, log.Version.Name, log.Version.Version, StateName(ticket!), late, true, decisions.Select(Summary).ToList(), warnings);
    }
}
