using EscalationDsl.Engine.Policies;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Processing;

/// <summary>Ingest ahead of the writer: a request whose checks need nothing stored but what is committed.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>What the checks of a request decided.</summary>
    private enum AheadCheck
    {
        /// <summary>Everything it needs is known: it runs ahead.</summary>
        Runs,

        /// <summary>It is refused with an answer that needs nothing stored.</summary>
        Refused,

        /// <summary>It needs the store (a retry, a reused id, an existing, closed or unknown ticket).</summary>
        NeedsStore,
    }

    /// <summary>
    /// Runs a request ahead of the writer if everything its checks need is in memory: its events have
    /// new ids, its created tickets are new, its other events are for open tickets. Otherwise returns
    /// false having changed nothing (a retry, a reused id, an existing, closed or unknown ticket):
    /// the request then runs against the store. A refusal that needs nothing stored is answered from
    /// here, with the same answer as against the store.
    /// </summary>
    public bool TryIngestAhead(IngestItem item, out IReadOnlyList<EventResult>? results, out EngineError? error)
    {
        (results, error) = (null, null);
        var events = item.Events;
        var now = Now;
        var planned = new Dictionary<string, PolicyVersion>(StringComparer.Ordinal);
        var seen = new Seen[events.Count];
        switch (CheckAhead(item, now, planned, seen, out var refused))
        {
            case AheadCheck.NeedsStore:
                return false;
            case AheadCheck.Refused:
                error = refused;
                return true;
        }

        var batch = recording!;
        for (var i = 0; i < events.Count; i++)
        {
            if (seen[i].First != i)
            {
                continue;
            }

            var e = events[i];
            if (item.RawJson is { } sent)
            {
                batch.Log.Add(new LogRow(e.EventId, e.TicketId, e.At.ToUnixTimeMilliseconds(), now, sent[i], 0, 0));
            }
            else
            {
                var start = batch.Mark;
                json.Reset(batch.Bytes);
                TicketEventJson.Write(json, e);
                json.Flush();
                batch.Log.Add(new LogRow(e.EventId, e.TicketId, e.At.ToUnixTimeMilliseconds(), now, null, start, batch.Mark - start));
            }

            eventsInFlight.Add(e.EventId!);
        }

        results = ApplyAll(item, seen, replays: null, planned, now); // a request with stored ids runs against the store
        return true;
    }

    /// <summary>
    /// Checks a request's events for running ahead, filling <paramref name="seen"/> and, for its
    /// created tickets, <paramref name="planned"/>; changes nothing else.
    /// </summary>
    private AheadCheck CheckAhead(IngestItem item, long now, Dictionary<string, PolicyVersion> planned, Seen[] seen, out EngineError? refused)
    {
        refused = null;

        // One snapshot for the request's stored-key reads (a read transaction for each cost more
        // than the lookup), ended with the checks however they end.
        using var reading = stored.Read();
        var events = item.Events;
        var firstInRequest = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (Screen(item, i, now, firstInRequest, seen) is { } screened)
            {
                refused = screened;
                return AheadCheck.Refused;
            }

            if (seen[i].First != i)
            {
                continue;
            }

            var e = events[i];
            if (eventsInFlight.Contains(e.EventId!) || stored.Event(e.EventId!))
            {
                return AheadCheck.NeedsStore;
            }

            PolicyVersion version;
            if (e.Kind == TicketEventKind.Created)
            {
                if (NoPolicy(item, i, out var chosen) is { } none)
                {
                    refused = none;
                    return AheadCheck.Refused;
                }

                if (planned.ContainsKey(e.TicketId) || tickets.Contains(e.TicketId) || dirtyTickets.ContainsKey(e.TicketId) || ticketsInFlight.Contains(e.TicketId) || stored.Ticket(e.TicketId))
                {
                    return AheadCheck.NeedsStore;
                }

                version = chosen!;
                planned[e.TicketId] = version;
            }
            else if (planned.GetValueOrDefault(e.TicketId) is { } created)
            {
                version = created;
            }
            else if (tickets.TryGetValue(e.TicketId, out var open))
            {
                version = new TicketEntry(open).Policy;
            }
            else
            {
                return AheadCheck.NeedsStore;
            }

            if (Invalid(item, i, version) is { } invalid)
            {
                refused = invalid;
                return AheadCheck.Refused;
            }
        }

        return AheadCheck.Runs;
    }
}
