using System.Text.Json;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>Accepting events: validate the whole request first, then apply and store each event.</summary>
internal sealed partial class EngineLoop
{
    public (IReadOnlyList<EventResult>? Results, EngineError? Error) Ingest(IngestItem item)
    {
        var events = item.Events;
        var now = Now;

        // Pass 1: check every event against the tickets and policies as they will be when it applies.
        var plannedPolicy = new Dictionary<string, PolicyVersion>(StringComparer.Ordinal);
        var replays = new Dictionary<int, EventResult>();
        var seenInRequest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var field = item.Batch ? $"events[{i}]." : string.Empty;
            var id = e.EventId!;
            if (seenInRequest.TryGetValue(id, out var first))
            {
                if (!SameEvent(events[first], e))
                {
                    return (null, new EngineError(409, "Event id reused", $"Event id '{id}' appears twice in the request with different contents.", field + "id"));
                }

                continue;
            }

            seenInRequest[id] = i;
            if (store.EventResult.Scalar(id) is string stored)
            {
                replays[i] = JsonSerializer.Deserialize<EventResult>(stored, EngineJson.Options)! with { Replayed = true };
                continue;
            }

            if (e.At.ToUnixTimeMilliseconds() > now + (long)options.FutureTolerance.TotalMilliseconds)
            {
                return (null, new EngineError(400, "Event in the future", $"Event '{id}' is stamped {TicketEventJson.FormatTime(e.At)}, more than {options.FutureTolerance} ahead of the engine's clock.", field + "at"));
            }

            var version = plannedPolicy.GetValueOrDefault(e.TicketId) ?? KnownPolicy(e.TicketId);
            if (e.Kind == TicketEventKind.Created)
            {
                if (version is not null)
                {
                    return (null, new EngineError(409, "Ticket exists", $"Ticket '{e.TicketId}' was already created; send its later events, or use a new ticket id.", field + "ticket"));
                }

                if (PolicyFor(e, out var problem) is not { } chosen)
                {
                    return (null, new EngineError(400, "No policy", problem!, field + "policy"));
                }

                version = chosen;
                plannedPolicy[e.TicketId] = chosen;
            }
            else if (version is null)
            {
                return (null, new EngineError(404, "Unknown ticket", $"Ticket '{e.TicketId}' does not exist; a ticket's first event must be 'created'.", field + "ticket"));
            }

            if (version.Compiled.Validate(e) is { } invalid)
            {
                var colon = invalid.IndexOf(':', StringComparison.Ordinal);
                return (null, new EngineError(400, "Invalid event", $"Event '{id}': {invalid}", field + (colon > 0 ? invalid[..colon] : "type")));
            }
        }

        // Pass 2: apply and store. Nothing above changed any state.
        var results = new EventResult[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (replays.TryGetValue(i, out var replay))
            {
                results[i] = replay;
                continue;
            }

            if (seenInRequest[e.EventId!] != i)
            {
                results[i] = results[seenInRequest[e.EventId!]] with { Replayed = true };
                continue;
            }

            results[i] = Apply(e, now);
        }

        return (results, null);
    }

    private static bool SameEvent(TicketEvent a, TicketEvent b) =>
        a.TicketId == b.TicketId && a.At == b.At && a.Kind == b.Kind;

    /// <summary>The policy version of an existing ticket (in memory or in the database), or null.</summary>
    private PolicyVersion? KnownPolicy(string ticketId)
    {
        if (tickets.TryGetValue(ticketId, out var entry))
        {
            return entry.Policy;
        }

        using var reader = store.FindTicket.Query(ticketId);
        return reader.Read() ? Version(reader.GetString(0)) : null;
    }

    private PolicyVersion? PolicyFor(TicketEvent created, out string? problem)
    {
        problem = null;
        var current = Registry.Current;
        var name = created.Policy ?? options.DefaultPolicy;
        if (name is null)
        {
            if (current.Count == 1)
            {
                return current.Values.Single();
            }

            problem = current.Count == 0
                ? "No policy is loaded (all were refused); see GET /v1/policies."
                : $"Several policies are loaded ({string.Join(", ", current.Keys.Order())}); name one in the created event's \"policy\" field or set Engine:DefaultPolicy.";
            return null;
        }

        if (current.TryGetValue(name, out var version))
        {
            return version;
        }

        problem = $"Policy '{name}' is not loaded (loaded: {string.Join(", ", current.Keys.Order())}).";
        return null;
    }

    /// <summary>Applies one validated, new event and stores it with its decisions.</summary>
    private EventResult Apply(TicketEvent e, long now)
    {
        scratch.Clear();
        TicketEntry entry;
        string? previousState = null;
        var late = false;
        if (e.Kind == TicketEventKind.Created)
        {
            var version = PolicyFor(e, out _)!;
            entry = new TicketEntry(version.Runtime.Open(e, scratch), version);
            tickets[e.TicketId] = entry;
            store.InsertTicket.Execute(e.TicketId, version.Fingerprint, e.At.ToUnixTimeMilliseconds(), StateName(entry.Ticket));
        }
        else
        {
            entry = Load(e.TicketId)!;
            previousState = entry.State;
            late = e.At < entry.Ticket.LatestAt;
            var acknowledged = entry.Ticket.AcknowledgedAt;
            var assigned = entry.Ticket.EngineeringAssignedAt;
            entry.Policy.Runtime.Apply(entry.Ticket, e, scratch);
            RecordResponseTimes(entry, acknowledged, assigned);
        }

        var result = new EventResult(
            e.EventId!, e.TicketId, entry.Policy.Name, entry.Policy.Version, StateName(entry.Ticket), late, false,
            scratch.Select(Summary).ToList());
        store.InsertEvent.Execute(e.EventId, e.TicketId, e.At.ToUnixTimeMilliseconds(), now, Canonical(e), JsonSerializer.Serialize(result, EngineJson.Options));
        StoreDecisions(entry, scratch, now);
        AfterChange(entry, previousState);
        if (live)
        {
            Metrics.Events.Add(1, new KeyValuePair<string, object?>("type", TicketEventKinds.Name(e.Kind)));
        }

        return result;
    }

    private void RecordResponseTimes(TicketEntry entry, Instant? acknowledgedBefore, Instant? assignedBefore)
    {
        if (!live)
        {
            return;
        }

        var t = entry.Ticket;
        var severity = new KeyValuePair<string, object?>("severity", entry.Policy.Compiled.Model.Severities[t.SeverityRank].Name);
        if (acknowledgedBefore is null && t.AcknowledgedAt is { } ack)
        {
            Metrics.TimeToFirstResponse.Record((ack - t.CreatedAt).TotalSeconds, severity);
        }

        if (assignedBefore is null && t.EngineeringAssignedAt is { } assigned)
        {
            Metrics.TimeToEngineeringAssignment.Record((assigned - t.CreatedAt).TotalSeconds, severity);
        }
    }

    /// <summary>After an event or deadline run: persist the state, reschedule, evict closed tickets.</summary>
    private void AfterChange(TicketEntry entry, string? previousState)
    {
        var state = StateName(entry.Ticket);
        var closed = entry.Ticket.State == Runtime.Machine.TicketPhase.Closed;
        if (state != previousState)
        {
            if (previousState is not null)
            {
                store.UpdateTicket.Execute(entry.Ticket.Id, state, closed ? 1 : 0);
            }

            Metrics.MoveTicket(StateIndex(previousState), closed ? -1 : (int)entry.Ticket.State);
            entry.State = state;
        }

        if (closed)
        {
            // Closed tickets leave memory; a reopen loads them back from their log.
            tickets.Remove(entry.Ticket.Id);
            entry.ScheduledDue = long.MaxValue;
            store.DeleteDeadline.Execute(entry.Ticket.Id);
            return;
        }

        Schedule(entry);
    }

    private static int StateIndex(string? state) =>
        state is null || !Enum.TryParse<Runtime.Machine.TicketPhase>(state, ignoreCase: true, out var phase) || phase == Runtime.Machine.TicketPhase.Closed
            ? -1
            : (int)phase;

    private static string StateName(Ticket ticket) => ticket.State.ToString().ToLowerInvariant();

    private static DecisionSummary Summary(Decision d) =>
        new(d.Id, DecisionKinds.Name(d.Kind), d.Owner, TicketEventJson.FormatTime(d.At), d.Detail);

    private static string Canonical(TicketEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TicketEventJson.Write(writer, e);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
