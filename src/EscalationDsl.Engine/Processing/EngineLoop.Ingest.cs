using System.Text.Json;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Accepting events. A request is checked and its events appended to the log inside a savepoint;
/// if any event is refused the savepoint is rolled back and nothing of the request remains. Only
/// then are the events applied to the tickets in memory. The common path is one INSERT per event:
/// duplicates are found by the event id's unique index, new tickets by the tickets key.
/// </summary>
internal sealed partial class EngineLoop
{
    public (IReadOnlyList<EventResult>? Results, EngineError? Error) Ingest(IngestItem item)
    {
        var events = item.Events;
        var now = Now;
        var planned = new Dictionary<string, PolicyVersion>(StringComparer.Ordinal);
        var seen = new Seen[events.Count];

        store.Savepoint.Execute();
        loadedForCheck.Clear();
        EventResult?[]? replays = null;
        var error = Check(item, now, planned, seen) ?? ReplayRetries(item, seen, out replays);
        if (error is not null)
        {
            store.RollbackSavepoint.Execute();
            store.ReleaseSavepoint.Execute();
            foreach (var entry in loadedForCheck)
            {
                Release(entry);
            }

            return (null, error);
        }

        store.ReleaseSavepoint.Execute();
        return (ApplyAll(item, seen, replays, planned, now), null);
    }

    /// <summary>
    /// Applies a checked request's new events; answers its repeated ones with their first result and
    /// its stored ones with their <paramref name="replays"/>.
    /// </summary>
    private EventResult[] ApplyAll(IngestItem item, Seen[] seen, EventResult?[]? replays, Dictionary<string, PolicyVersion> planned, long now)
    {
        var events = item.Events;
        var results = new EventResult[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            results[i] = seen[i] switch
            {
                { First: var first } when first != i => results[first] with { Replayed = true },
                { Stored: true } => replays![i]!,
                _ => Apply(e, e.Kind == TicketEventKind.Created ? planned[e.TicketId] : null, now),
            };
        }

        return results;
    }

    /// <summary>
    /// What <see cref="Check"/> found about one event of a request: the index of the request's first
    /// event with its id (its own index unless it repeats one), and whether the log held the id already.
    /// </summary>
    private readonly record struct Seen(int First, bool Stored);

    /// <summary>
    /// Checks each event and appends the new ones to the log, filling <paramref name="seen"/>;
    /// returns the first refusal.
    /// </summary>
    private EngineError? Check(IngestItem item, long now, Dictionary<string, PolicyVersion> planned, Seen[] seen)
    {
        var events = item.Events;
        var firstInRequest = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            if (Screen(item, i, now, firstInRequest, seen) is { } refused)
            {
                return refused;
            }

            if (seen[i].First != i)
            {
                continue;
            }

            var e = events[i];
            var id = e.EventId!;
            var insert = store.InsertEvent.Typed.Text(1, id).Text(2, e.TicketId).Integer(3, e.At.ToUnixTimeMilliseconds()).Integer(4, now);
            if ((item.RawJson is { } sent ? insert.Utf8(5, sent[i]) : insert.Text(5, Canonical(e))).Run() == 0)
            {
                if (ReusedFor(id, e) is { } other)
                {
                    return new EngineError(409, "Event id reused", other, Field(item, i, "id"));
                }

                if (RetryProblem(e.TicketId) is { } gone)
                {
                    return gone.Error(Field(item, i, "ticket"));
                }

                seen[i] = new Seen(i, Stored: true); // a retry: answered with the original result
                continue;
            }

            PolicyVersion? version;
            if (e.Kind == TicketEventKind.Created)
            {
                if (NoPolicy(item, i, out var chosen) is { } none)
                {
                    return none;
                }

                // Its row is written with its state when the group commits (FlushTickets).
                if (planned.ContainsKey(e.TicketId) || tickets.Contains(e.TicketId) || dirtyTickets.ContainsKey(e.TicketId) || Stored(e.TicketId))
                {
                    return new EngineError(409, "Ticket exists", $"Ticket '{e.TicketId}' was already created; send its later events, or use a new ticket id.", Field(item, i, "ticket"));
                }

                version = chosen!;
                planned[e.TicketId] = version;
            }
            else if (planned.GetValueOrDefault(e.TicketId) is { } created)
            {
                version = created;
            }
            else
            {
                // Loaded here rather than when applied, so a ticket whose log cannot be replayed
                // refuses this request alone (the others of its group go on).
                TicketEntry? known;
                try
                {
                    known = Load(e.TicketId, withoutNewest: true);
                }
                catch (TicketUnavailableException gone)
                {
                    return gone.Error(Field(item, i, "ticket"));
                }

                if (known is not { } entry)
                {
                    return new EngineError(404, "Unknown ticket", $"Ticket '{e.TicketId}' does not exist; a ticket's first event must be 'created'.", Field(item, i, "ticket"));
                }

                loadedForCheck.Add(entry);
                version = entry.Policy;
            }

            if (Invalid(item, i, version) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    /// <summary>
    /// The checks of a request's event <paramref name="i"/> that need nothing stored: an id repeated
    /// within the request (then <paramref name="seen"/> points at its first use) and the event's time.
    /// </summary>
    private EngineError? Screen(IngestItem item, int i, long now, Dictionary<string, int> firstInRequest, Seen[] seen)
    {
        var e = item.Events[i];
        var id = e.EventId!;
        if (!firstInRequest.TryAdd(id, i))
        {
            var first = firstInRequest[id];
            if (!EventIds.Same(item.Events[first], e))
            {
                return new EngineError(409, "Event id reused", $"Event id '{id}' appears twice in the request with different contents.", Field(item, i, "id"));
            }

            seen[i] = new Seen(first, Stored: false);
            return null;
        }

        seen[i] = new Seen(i, Stored: false);
        if (e.At.ToUnixTimeMilliseconds() > now + (long)options.FutureTolerance.TotalMilliseconds)
        {
            return new EngineError(400, "Event in the future", $"Event '{id}' is stamped {TicketEventJson.FormatTime(e.At)}, more than {English.Duration(options.FutureTolerance)} (Engine:FutureTolerance) ahead of the engine's clock, {TicketEventJson.FormatTime(NodaTime.Instant.FromUnixTimeMilliseconds(now))}: check the sending system's clock, and that the time's offset is its zone's (a local time written with Z is hours off).", Field(item, i, "at"));
        }

        // (Times outside the span esc handles are refused with their own message when validated.)
        if (e.Kind == TicketEventKind.Created && EventTimes.Contains(e.At) && e.At.ToUnixTimeMilliseconds() < now - (long)options.PastTolerance.TotalMilliseconds)
        {
            return new EngineError(400, "Ticket created too long ago", $"Event '{id}' creates a ticket at {TicketEventJson.FormatTime(e.At)}, more than {English.Duration(options.PastTolerance)} (Engine:PastTolerance) before the engine's clock: every deadline since then would fire at once.", Field(item, i, "at"));
        }

        return null;
    }

    /// <summary>Event <paramref name="i"/> checked against the policy version its ticket runs.</summary>
    private static EngineError? Invalid(IngestItem item, int i, PolicyVersion version)
    {
        var e = item.Events[i];

        // Only a created event chooses the policy; a later one may repeat it (an integration that
        // sends the ticket's whole state), but one naming another policy is a mistake, not ignored.
        if (e.Kind != TicketEventKind.Created && e.Policy is { Length: > 0 } named && named != version.Name)
        {
            return new EngineError(400, "Invalid event", $"Event '{e.EventId}': policy: ticket '{e.TicketId}' runs under policy '{version.Name}', not '{named}'; only its created event chooses the policy, so a later event names that one or leaves \"policy\" out.", Field(item, i, "policy"));
        }

        return version.Compiled.Validate(e, out var member) is { } invalid
            ? new EngineError(400, "Invalid event", $"Event '{e.EventId}': {invalid}", Field(item, i, member!))
            : null;
    }

    /// <summary>Why a created event cannot open its ticket (no policy to run it), or null with the version.</summary>
    private EngineError? NoPolicy(IngestItem item, int i, out PolicyVersion? version)
    {
        version = PolicyFor(item.Events[i], out var problem);
        return version is null ? new EngineError(400, "No policy", problem!, Field(item, i, "policy")) : null;
    }

    /// <summary>
    /// For a retried event, answered by replaying its ticket's log: why that cannot be done (the
    /// ticket is unavailable, or pinned to a stored version that no longer binds), or null.
    /// </summary>
    private TicketUnavailableException? RetryProblem(string ticketId)
    {
        if (tickets.Contains(ticketId) || dirtyTickets.ContainsKey(ticketId))
        {
            return null;
        }

        if (!unavailable.Contains(ticketId))
        {
            if (StoredTicket(ticketId) is not { } stored || Version(stored.Fingerprint) is not null)
            {
                return null;
            }

            MarkUnavailable(ticketId, VersionMissing(ticketId, stored.Fingerprint));
        }

        return new TicketUnavailableException(ticketId);
    }

    /// <summary>Whether the tickets table has a row for the ticket (open or closed).</summary>
    private bool Stored(string ticketId) => store.TicketExists.Any(ticketId);

    /// <summary>The request member a refusal names: <c>events[3].at</c> in a batch, <c>at</c> alone otherwise.</summary>
    private static string Field(IngestItem item, int index, string member) =>
        item.Batch ? $"events[{index}].{member}" : member;

    private PolicyVersion? PolicyFor(TicketEvent created, out string? problem)
    {
        problem = null;
        var current = Registry.Current;
        var name = created.Policy ?? options.DefaultPolicy;
        if (name is null)
        {
            if (current.Count == 1)
            {
                foreach (var (_, only) in current)
                {
                    return only;
                }
            }

            problem = current.Count > 0
                ? $"Several policies are loaded ({string.Join(", ", current.Keys.Order())}); name one in the created event's \"policy\" field or set Engine:DefaultPolicy."
                : Registry.Files.IsEmpty
                ? "No policy is loaded: the policy folder (Engine:Policies) holds no .esc file."
                : "No policy is loaded (all were refused); see GET /v1/policies.";
            return null;
        }

        if (current.TryGetValue(name, out var version))
        {
            return version;
        }

        problem = Registry.PolicyNotLoaded(name);
        return null;
    }

    /// <summary>Applies one checked, new event (already in the log) and stores its decisions.</summary>
    private EventResult Apply(TicketEvent e, PolicyVersion? createdWith, long now)
    {
        scratch.Clear();
        TicketEntry entry;
        OpenPlace before = default;
        long? dueBefore = null;
        LabelsBefore? labels = null;
        var late = false;
        if (e.Kind == TicketEventKind.Created)
        {
            var version = createdWith!;
            entry = TicketEntry.Pin(version.Runtime.Open(e, scratch), version);
            tickets.Set(entry.Ticket);
        }
        else
        {
            entry = Load(e.TicketId)!.Value;
            before = Place(entry);
            dueBefore = entry.Ticket.NextDeadlineMs;
            late = e.At < entry.Ticket.LatestAt;
            var acknowledged = entry.Ticket.AcknowledgedAt;
            var assigned = entry.Ticket.EngineeringAssignedAt;
            var done = entry.Ticket.IsDone;
            labels = LabelsBefore.Of(entry, e.At);
            entry.Policy.Runtime.Apply(entry.Ticket, e, scratch);
            RecordResponseTimes(entry, acknowledged, assigned, done, labels);
        }

        var summaries = scratch.Count == 0 ? Array.Empty<DecisionSummary>() : new DecisionSummary[scratch.Count];
        for (var i = 0; i < summaries.Length; i++)
        {
            summaries[i] = Summary(scratch[i]);
        }

        var warnings = Warnings(entry.Policy, e, live ? Metrics : null);
        var result = new EventResult(e.EventId!, e.TicketId, entry.Policy.Name, entry.Policy.Version, StateName(entry.Ticket), late, false, summaries, warnings);
        StoreDecisions(entry, scratch, now, labels);
        AfterChange(entry, before, dueBefore, now);
        if (live)
        {
            Metrics.CountEvent(e.Kind);
        }

        return result;
    }

    /// <summary>
    /// The event's text values that the policy version will never match (one letter off a compared
    /// value), or null; each counted in <c>esc_event_values_unmatched_total</c> when
    /// <paramref name="metrics"/> is given. The compared values are gathered once, when the version is
    /// compiled, so an event without such a value costs a lookup or two per text value of a compared
    /// field and allocates nothing.
    /// </summary>
    internal static List<ValueWarning>? Warnings(PolicyVersion version, TicketEvent e, EngineMetrics? metrics)
    {
        if (version.Compiled.ComparedTexts.Of(e) is not { } misspelt)
        {
            return null;
        }

        // A loop, not ConvertAll with a lambda: a lambda capturing the parameter would allocate its
        // closure on every call, clean events included.
        var warnings = new List<ValueWarning>(misspelt.Count);
        foreach (var m in misspelt)
        {
            warnings.Add(new ValueWarning(m.Member, m.Value, m.Meant, m.Message(version.Name)));
            metrics?.UnmatchedValue(version.Name, m.Field);
        }

        return warnings;
    }

    /// <summary>
    /// Times the ticket's first acknowledgement and first engineering assignment, if the change just
    /// made them. An acknowledgement or engineering assignment of a ticket that was resolved or closed
    /// before the change and still is (a late click, a hand-over for follow-up) is no response and is not
    /// timed; the runtime keeps only the first of each, so such a ticket is never timed, as in
    /// <c>esc sim</c>'s report. An
    /// assignment a deadline made before the event (<paramref name="before"/>) counts under the severity
    /// of then.
    /// </summary>
    private void RecordResponseTimes(TicketEntry entry, Instant? acknowledgedBefore, Instant? assignedBefore, bool doneBefore, LabelsBefore? before = null)
    {
        if (!live)
        {
            return;
        }

        var t = entry.Ticket;
        var followUp = doneBefore && t.IsDone;
        if (acknowledgedBefore is null && t.AcknowledgedAt is { } ack && !followUp)
        {
            Metrics.TimeToFirstResponse.Record((ack - t.CreatedAt).TotalSeconds, EngineMetrics.Policy(entry.Policy.Name), Severity(entry, t.SeverityRank));
        }

        if (assignedBefore is null && t.EngineeringAssignedAt is { } assigned && !followUp)
        {
            var rank = before is { } b && assigned < b.Until ? b.SeverityRank : t.SeverityRank;
            Metrics.TimeToEngineeringAssignment.Record((assigned - t.CreatedAt).TotalSeconds, EngineMetrics.Policy(entry.Policy.Name), Severity(entry, rank));
        }
    }

    private static KeyValuePair<string, object?> Severity(TicketEntry entry, int rank) => new("severity", SeverityName(entry, rank));

    private static string SeverityName(TicketEntry entry, int rank) => entry.Policy.Compiled.Model.Severities[rank].Name;

    /// <summary>
    /// After an event or deadline run: count the state change, reschedule, and evict a closed ticket.
    /// <paramref name="before"/> is where the ticket counted in the open-ticket gauge before the change
    /// (nowhere for a ticket that was not counted) and <paramref name="dueBefore"/> its next deadline
    /// (null for one not queued); <paramref name="now"/> is when it happened.
    /// </summary>
    private void AfterChange(TicketEntry entry, OpenPlace before, long? dueBefore, long now)
    {
        var ticket = entry.Ticket;
        dirtyTickets[ticket.Id] = (entry, now);
        var closed = ticket.State == TicketPhase.Closed;
        Metrics.MoveTicket(before, Place(entry));

        if (closed)
        {
            // Closed tickets leave memory; a reopen loads them back from their log.
            tickets.Remove(ticket.Id);
            dirtyDeadlines[ticket.Id] = long.MaxValue;
            dueWhenScheduled.Remove(ticket.Id);
            return;
        }

        Schedule(ticket, dueBefore, now);
    }

    /// <summary>Where the ticket counts in the open-ticket gauge: every state but Closed, with its owner.</summary>
    private static OpenPlace Place(TicketEntry entry) =>
        entry.Ticket.State == TicketPhase.Closed ? default : new OpenPlace(entry.Ticket.State, entry.Policy.Compiled.OwnerOf(entry.Ticket), entry.Policy.Name);

    private static string StateName(Ticket ticket) => ticket.State switch
    {
        TicketPhase.Open => "open",
        TicketPhase.Acknowledged => "acknowledged",
        TicketPhase.Assigned => "assigned",
        TicketPhase.Escalated => "escalated",
        TicketPhase.Mitigated => "mitigated",
        TicketPhase.Monitoring => "monitoring",
        TicketPhase.Resolved => "resolved",
        _ => "closed",
    };

    private static DecisionSummary Summary(Decision d) =>
        new(d.Id, DecisionKinds.Name(d.Kind), d.Owner, TicketEventJson.FormatTime(d.At), d.Detail);

    private static string Canonical(TicketEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TicketEventJson.Write(writer, e);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
