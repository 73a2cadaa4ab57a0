using System.Text.Json;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using Microsoft.Extensions.Logging;
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
    /// otherwise what the id was used for. A stored row that cannot be read (a damaged row) is another
    /// ticket's event when it is stored for another ticket, and otherwise taken for a retry, which the
    /// ticket's replay then answers as a ticket whose log cannot be replayed: a damaged row of one
    /// ticket never fails a request for another.
    /// </summary>
    private string? ReusedFor(string eventId, TicketEvent e)
    {
        using var reader = store.FindEvent.Query(eventId);
        reader.Read();
        var ticketId = reader.GetString(1);
        TicketEvent stored;
        try
        {
            stored = StoredEvent.Parse(reader.IsDBNull(2) ? null : reader.GetString(2), ticketId);
        }
        catch (Exception damaged) when (damaged is InvalidDataException or JsonException)
        {
            return ticketId == e.TicketId ? null
                : $"Event id '{eventId}' was already used for an event of ticket '{ticketId}' (its stored row cannot be read); give every event its own id, and resend exactly the same event to retry.";
        }

        return EventIds.Same(stored, e) ? null
            : $"Event id '{eventId}' was already used for another event ({TicketEventKinds.Name(stored.Kind)} of ticket '{stored.TicketId}' at {TicketEventJson.FormatTime(stored.At)}); give every event its own id, and resend exactly the same event to retry.";
    }

    /// <summary>
    /// The number of ticket logs replayed to answer retried events, for tests: a request replays each
    /// ticket's log once however many of its events it retries.
    /// </summary>
    internal long RetryReplays { get; private set; }

    /// <summary>
    /// Fills in the original results of a checked request's retried events, by the event's index in the
    /// request (null when it retries none); returns why they cannot be answered, or null. Each is recomputed by replaying its ticket's log up to it (the
    /// runtime is deterministic, so this is the original answer; after a migration it describes the
    /// ticket under its new policy version), and each ticket's log is replayed once, however many of
    /// its events the request retries: a retried batch of N events of one ticket applies N events, not N²/2.
    /// Runs inside the request's savepoint, before anything of it is applied.
    /// </summary>
    private EngineError? ReplayRetries(IngestItem item, Seen[] seen, out EventResult?[]? replays)
    {
        replays = null;
        Dictionary<string, List<(long Seq, int Index)>>? byTicket = null;
        for (var i = 0; i < seen.Length; i++)
        {
            if (!seen[i].Stored)
            {
                continue;
            }

            using var reader = store.FindEvent.Query(item.Events[i].EventId!);
            reader.Read();
            byTicket ??= new(StringComparer.Ordinal);
            var ticketId = reader.GetString(1);
            if (!byTicket.TryGetValue(ticketId, out var wanted))
            {
                byTicket[ticketId] = wanted = [];
            }

            wanted.Add((reader.GetInt64(0), i));
        }

        if (byTicket is null)
        {
            return null;
        }

        replays = new EventResult?[seen.Length];
        foreach (var (ticketId, wanted) in byTicket)
        {
            try
            {
                ReplayTicket(item, ticketId, wanted, replays);
            }
            catch (TicketUnavailableException gone)
            {
                return gone.Error(Field(item, wanted[0].Index, "ticket"));
            }
            catch (Exception e) when (e is not Microsoft.Data.Sqlite.SqliteException)
            {
                // A damaged row (or a bug): answered as Load answers a log that does not replay. A
                // ticket in memory was rebuilt from its log, so its row was damaged since; it keeps running.
                var running = RunsInMemory(ticketId);
                if (!running)
                {
                    MarkUnavailable(ticketId, e);
                }
                else
                {
                    logger.LogCritical(e, "Ticket {Ticket}'s log could not be replayed to answer a retried event (a damaged row or a bug); the retry is refused", ticketId);
                }

                return new TicketUnavailableException(ticketId, e, running).Error(Field(item, wanted[0].Index, "ticket"));
            }
        }

        return null;
    }

    /// <summary>
    /// Replays a ticket's log once, up to the last of its <paramref name="wanted"/> stored events
    /// (their seq and index in the request), and fills in the result each of them had.
    /// </summary>
    private void ReplayTicket(IngestItem item, string ticketId, List<(long Seq, int Index)> wanted, EventResult?[] replays)
    {
        RetryReplays++;
        wanted.Sort();
        var log = Log(ticketId)!.Value;
        var runtime = new TicketRuntime(log.Version.Compiled);
        var decisions = new List<Decision>();
        Ticket? ticket = null;
        var next = 0;
        foreach (var (kind, at, body, rowSeq) in log.Rows)
        {
            if (next == wanted.Count)
            {
                break;
            }

            decisions.Clear();
            if (kind == "advance")
            {
                runtime.AdvanceTo(ticket!, Instant.FromUnixTimeMilliseconds(at), decisions);
                continue;
            }

            var e = StoredEvent.Parse(body, ticketId);
            var late = ticket is not null && e.At < ticket.LatestAt;
            if (ticket is null)
            {
                ticket = runtime.Open(e, decisions);
            }
            else
            {
                runtime.Apply(ticket, e, decisions);
            }

            if (wanted[next].Seq == rowSeq)
            {
                var index = wanted[next++].Index;
                var warnings = Warnings(log.Version, e, metrics: null);
                replays[index] = new EventResult(item.Events[index].EventId!, ticketId, log.Version.Name, log.Version.Version, StateName(ticket), late, true, decisions.Select(Summary).ToList(), warnings);
            }
        }
    }
}
