using System.Text.Json;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>Ticket reads, the timeline, and migration.</summary>
internal static class TicketEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/v1/tickets/{id}", Reads.Methods, async (string id, HttpContext http, EngineLoop loop) =>
            {
                id = TicketId(http, id);
                var read = new ReadItem<(TicketSnapshot Snapshot, string Policy, int Version, string Fingerprint, StoredMigration? Migrated)?>(l => l.Describe(id));
                loop.Post(read);
                try
                {
                    return await read.Task is { } found
                        ? Results.Ok(TicketDocument.From(found.Snapshot, found.Policy, found.Version, found.Fingerprint, MigrationDocument.Of(found.Migrated)))
                        : Problems.From(new EngineError(404, "Unknown ticket", $"Ticket '{id}' does not exist."));
                }
                catch (TicketUnavailableException gone)
                {
                    return Problems.From(gone.Error());
                }
            })
            .Produces<TicketDocument>()
            .ProducesProblem(404)
            .ProducesProblem(500)
            .ProducesProblem(503)
            .WithName("GetTicket")
            .WithSummary("A ticket's state, owner, escalation level, deadlines and SLA clocks.");

        app.MapMethods("/v1/tickets/{id}/timeline", Reads.Methods, async (string id, HttpContext http, EngineLoop loop) =>
            {
                id = TicketId(http, id);
                var read = new ReadItem<(Policies.PolicyVersion Version, List<(string Kind, long At, string? Body, long Seq)> Rows, bool Running, List<StoredMigration> Migrations)?>(
                    l => l.Log(id) is { } found ? (found.Version, found.Rows, l.RunsInMemory(id), l.Migrations(id)) : null);
                loop.Post(read);
                var running = false;
                try
                {
                    if (await read.Task is not { } log)
                    {
                        return Problems.From(new EngineError(404, "Unknown ticket", $"Ticket '{id}' does not exist."));
                    }

                    running = log.Running;

                    // The answer depends on Accept: a cache keeps the text and the JSON apart.
                    http.Response.Headers.Vary = HeaderNames.Accept;
                    var replay = await MigratedTimeline.MarkAsync(Replay(id, log.Version, log.Rows, log.Migrations), loop);
                    return TimelineText.Wanted(http.Request)
                        ? Results.Text(replay.Text(), "text/plain; charset=utf-8")
                        : Results.Ok(replay.Document());
                }
                catch (TicketUnavailableException gone)
                {
                    return Problems.From(gone.Error());
                }
                catch (Exception damaged) when (damaged is JsonException or InvalidDataException)
                {
                    // A closed ticket's log is first replayed here: a damaged row shows now. An open
                    // ticket's was damaged since it was rebuilt: it goes on running from memory.
                    return Problems.From(new TicketUnavailableException(id, damaged, running).Error());
                }
            })
            .Produces<TimelineDocument>()
            .WithMetadata(new OpenApiContract.AlsoAsText())
            .ProducesProblem(404)
            .ProducesProblem(500)
            .ProducesProblem(503)
            .WithName("GetTimeline")
            .WithSummary("Every event and decision of a ticket with the reasons: the same trace as `esc explain`.")
            .WithDescription("JSON by default; with `Accept: text/plain` the text `esc explain` prints: the timeline, one entry a line, and the ticket's state.");

        app.MapPost("/v1/tickets/{id}:migrate", async (string id, HttpContext http, EngineLoop loop) =>
            {
                id = TicketId(http, id, ":migrate");
                if (await NoBody.CheckAsync(http.Request, "POST /v1/tickets/{id}:migrate", "it moves the ticket to the running version of its policy") is { } body)
                {
                    return body;
                }

                var command = new CommandItem<(MigrationResult? Result, EngineError? Error)>(l => l.Migrate(id));
                loop.Post(command);
                var (result, error) = await command.Task;
                return error is not null ? Problems.From(error) : Results.Ok(result);
            })
            .Produces<MigrationResult>()
            .ProducesProblems(ProblemStatuses.OperatorWrite)
            .WithName("MigrateTicket")
            .WithSummary("Move a ticket to the running version of its policy.");
    }

    /// <summary>The ticket id of a route (<see cref="RouteId"/>).</summary>
    private static string TicketId(HttpContext http, string routeValue, string suffix = "") => RouteId.Decode(http, "/v1/tickets/", routeValue, suffix);

    /// <summary>
    /// Replays the ticket's log with a trace, on a runtime of its own (not the live one). Each stored migration
    /// adds an entry after the last log row it replayed (<see cref="MigratedTimeline"/>). An event older than the
    /// ticket's latest time when it came (its latest event or deadline run, to the millisecond) keeps its own time and
    /// its place in the log, and says as of when it was applied: without that, the timeline went back in time with no
    /// word why (a user trial's R3).
    /// </summary>
    private static TimelineReplay Replay(string id, Policies.PolicyVersion version, List<(string Kind, long At, string? Body, long Seq)> rows, List<StoredMigration> migrations)
    {
        var runtime = new TicketRuntime(version.Compiled);
        var trace = new ExplainTrace();
        var decisions = new List<Decision>();
        var points = new List<MigrationPoint>();
        var late = new List<(int Entry, Instant At, Instant Latest)>();
        Ticket? ticket = null;
        var latest = long.MinValue;
        foreach (var (kind, at, body, seq) in rows)
        {
            var entries = trace.Entries.Count;
            if (kind == "advance")
            {
                if (ticket is not null)
                {
                    runtime.AdvanceTo(ticket, Instant.FromUnixTimeMilliseconds(at), decisions, trace);
                }
            }
            else
            {
                var e = StoredEvent.Parse(body, id);
                if (ticket is null)
                {
                    ticket = runtime.Open(e, decisions, trace);
                }
                else
                {
                    runtime.Apply(ticket, e, decisions, trace);
                    if (at < latest && EventEntry(trace, entries) is { } entry)
                    {
                        late.Add((entry, e.At, Instant.FromUnixTimeMilliseconds(latest)));
                    }
                }
            }

            // A row's time is its event's own or its deadline run's.
            latest = Math.Max(latest, at);

            while (points.Count < migrations.Count && migrations[points.Count].Seq <= seq)
            {
                var migration = migrations[points.Count];
                points.Add(new MigrationPoint(migration, decisions.Count, trace.Entries.Count));
                trace.Add(migration.At, TraceKind.Rule, MigratedTimeline.EntryText(version.Name, migration));
            }
        }

        // The log ends with the ticket's latest event or deadline run: the state is given as of then.
        var end = Instant.FromUnixTimeMilliseconds(rows.Count == 0 ? 0 : rows.Max(r => r.At));
        StoredMigration? migrated = points.Count == 0 ? null : migrations[points.Count - 1];
        var timeline = trace.Entries.ToList();
        foreach (var (entry, stamped, applied) in late)
        {
            // The runtime writes an event's entry at the time it applied it, in its whole seconds: the entry keeps the event's own.
            timeline[entry] = timeline[entry] with { At = stamped, AppliedAt = applied };
        }

        return new TimelineReplay(id, version, runtime, timeline, decisions, points, ticket, end, migrated);
    }

    /// <summary>
    /// The entry of the event just applied: the one of kind event among the entries from <paramref name="from"/> (the
    /// deadlines it runs first come before it); null if the runtime traced none (the runtime always does).
    /// </summary>
    private static int? EventEntry(ExplainTrace trace, int from)
    {
        for (var at = from; at < trace.Entries.Count; at++)
        {
            if (trace.Entries[at].Kind == TraceKind.Event)
            {
                return at;
            }
        }

        return null;
    }
}

/// <summary>A ticket as GET /v1/tickets/{id} returns it.</summary>
public sealed record TicketDocument(
    string Id,
    string Policy,
    int PolicyVersion,
    string PolicyFingerprint,
    string State,
    string Severity,
    string? Owner,
    int EscalationLevel,
    bool Monitoring,
    bool PagingStopped,
    bool SlaPaused,
    string Created,
    string? NextDeadline,
    IReadOnlyList<ClockDocument> Clocks,
    IReadOnlyList<string> ActiveRules,
    IReadOnlyDictionary<string, string> Fields,
    MigrationDocument? Migrated = null)
{
    /// <summary>Converts a runtime snapshot; <paramref name="migrated"/> is the ticket's latest migration.</summary>
    public static TicketDocument From(TicketSnapshot s, string policy, int version, string fingerprint, MigrationDocument? migrated = null) => new(
        s.Id, policy, version, fingerprint, s.State, s.Severity, s.Owner, s.Level, s.Monitoring, s.PagingStopped, s.Paused,
        TicketEventJson.FormatTime(s.Created), s.NextDeadline is { } n ? TicketEventJson.FormatTime(n) : null,
        s.Clocks.Select(c => new ClockDocument(c.Name, c.Status, c.BreachedUnder, c.Due is { } d ? TicketEventJson.FormatTime(d) : null, c.SkipReason, c.BlockReason)).ToList(),
        s.ActiveRules, s.Fields, migrated);
}

/// <summary>An SLA clock or pending step.</summary>
/// <param name="Name">For example <c>sla acknowledge</c> or <c>sev1_production #2</c>.</param>
/// <param name="Status">pending, met, breached, paused, blocked, parked or done.</param>
/// <param name="BreachedUnder">
/// For a breached SLA component, the severity it was breached under when the ticket's severity has changed since
/// ("sev1" for a first_update breached before a drop to sev3).
/// </param>
/// <param name="Due">When it is due, while pending; for a blocked `every` step, its next tick.</param>
/// <param name="SkipReason">
/// For a pending step (or a blocked step's next tick) that its due time would skip if no event came before
/// then, why: its `unless` holds ("`acknowledged` holds"), its `while` does not ("`not contained` does not
/// hold"), it is held back ("held back, rule R's `when` does not hold ..."), its rule stops first ("rule R
/// stops before it is due (...)") or an SLA pause starts first ("an SLA pause starts before then (...)"). Foreseen from the ticket's latest event or deadline run by running a copy
/// of the ticket forward as the scheduler will: conditions are read at the due time, the policy's own actions
/// until then count.
/// </param>
/// <param name="BlockReason">
/// For a blocked step, why its escalation waits: the fields its `require ... before escalate` guards still miss
/// ("escalation blocked until client_version is set"). For a pending step that fires when due but whose escalation
/// such a guard would block if no event came before then, why ("escalation blocked until account_id is set");
/// foreseen as <paramref name="SkipReason"/> is.
/// </param>
public sealed record ClockDocument(string Name, string Status, string? BreachedUnder, string? Due, string? SkipReason = null, string? BlockReason = null);

/// <summary>A ticket's explained history.</summary>
public sealed record TimelineDocument(string Ticket, string Policy, int PolicyVersion, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<TimelineDecision> Decisions, TicketDocument? State);

/// <summary>One line of a timeline.</summary>
/// <param name="At">When it happened; for an event, its own time as sent.</param>
/// <param name="Kind">event, state, rule, deadline, fired, skipped, sla or decision.</param>
/// <param name="Text">What it says, as the text timeline gives it.</param>
/// <param name="AppliedAt">
/// Only on an event that came late, older than the ticket's latest time (its latest event or deadline run) when it
/// came: that time, as of which it was applied. It stands where it was applied, after entries later than
/// <paramref name="At"/>, and its text ends with <c>(late: applied as of ...)</c>. Absent on every other entry.
/// </param>
public sealed record TimelineEntry(string At, string Kind, string Text, string? AppliedAt = null);
