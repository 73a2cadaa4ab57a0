using System.Diagnostics;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Rebuilding tickets from the ticket log: at start, after a failed commit, and for closed tickets
/// that receive a new event. Replays reproduce every ticket exactly (events and deadline runs in
/// their stored order); their decisions are already stored and are dropped.
/// </summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Loads policies and open tickets, then fires what fell due while the engine was down.
    /// <paramref name="cancellation"/> (the host's start being stopped) ends the policy load between files.
    /// </summary>
    public void Start(CancellationToken cancellation = default)
    {
        live = false;
        store.Begin();
        try
        {
            Registry.Remember(CurrentVersions(), Version, HighestStoredVersion);
            ReloadPolicies(cancellation);
            if (options.DefaultPolicy is { } name && !Registry.Current.ContainsKey(name))
            {
                logger.LogWarning(
                    "Engine:DefaultPolicy {NotLoaded}; created events that name no policy are refused, and /readyz says not ready, until it is",
                    Registry.NotLoaded(name));
            }

            ReplayOpenTickets(cancellation);
            store.Commit();
        }
        catch
        {
            DropUnwritten();
            store.Rollback();
            throw;
        }

        live = true;
        store.Begin();
        var late = AdvanceDue(rebuilt: true);

        // The rows of the tickets it changed go in its own transaction too: left for the first
        // group, they were lost when that group failed or the engine stopped before one ran.
        FlushDeadlines();
        FlushTickets();
        store.Commit();
        PublishNextDue(long.MaxValue);

        // A burst of late decisions after a restart is explained in the start's log.
        if (late == 1)
        {
            logger.LogInformation("Ran 1 deadline that fell due while the engine was down");
        }
        else if (late > 1)
        {
            logger.LogInformation("Ran {Count} deadlines that fell due while the engine was down", late);
        }
    }

    /// <summary>
    /// Re-reads the policy folder; new versions are recorded so pinned tickets survive restarts, and the
    /// version each name runs, so a restart runs it again when two files declare the name.
    /// </summary>
    public IReadOnlyList<PolicyStatus> ReloadPolicies(CancellationToken cancellation = default)
    {
        var added = Registry.Reload(cancellation).Count > 0;

        // Every running version, not only the new ones: a reload whose transaction failed recorded none.
        foreach (var version in Registry.Current.Values)
        {
            StorePolicy(version);
            store.SetCurrentVersion.Execute(version.Name, version.Fingerprint, Registry.Holders[version.Name]);
        }

        if (added || !live)
        {
            WarnUnroutedOwners();
        }

        return Registry.Files.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The version each policy name last ran and its file, as recorded by <see cref="ReloadPolicies"/>; at the
    /// first start on a database from before schema version 3, the guess its migration made, and on what.
    /// </summary>
    private Dictionary<string, LastRun> CurrentVersions()
    {
        var ran = new Dictionary<string, LastRun>(StringComparer.Ordinal);
        using var command = store.Connection.CreateCommand();
        command.CommandText = guessedCurrentVersions
            ? "SELECT c.name, c.fingerprint, c.path, EXISTS (SELECT 1 FROM tickets t JOIN policies p ON p.fingerprint = t.policy WHERE p.name = c.name) FROM current_versions c"
            : "SELECT name, fingerprint, path, NULL FROM current_versions";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var guess = reader.IsDBNull(3) ? null : reader.GetBoolean(3) ? "the version of its newest ticket" : "the version loaded last";
            ran[reader.GetString(0)] = new LastRun(reader.GetString(1), reader.GetString(2), guess);
        }

        return ran;
    }

    /// <summary>The highest version number stored for a policy name (its versions loaded before), or null.</summary>
    private int? HighestStoredVersion(string name)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = "SELECT max(version) FROM policies WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is long highest ? (int)highest : null;
    }

    private void StorePolicy(PolicyVersion version) =>
        store.StorePolicy(version.Fingerprint, version.Name, version.Version, version.Source, version.Path, Now);

    /// <summary>
    /// A sink that names an owner no loaded policy declares (a typo, or an owner since renamed)
    /// would silently receive nothing for it: said at start and whenever a new policy version loads.
    /// </summary>
    private void WarnUnroutedOwners()
    {
        var declared = Registry.Current.Values.SelectMany(v => v.Compiled.Model.Owners).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (sink, owner) in sinks.NamedOwners().Where(named => !declared.Contains(named.Owner)))
        {
            if (declared.Count == 0)
            {
                // Said as "(declared: )" it read as an owner list that had lost its names.
                logger.LogWarning(
                    "Engine:Sinks: sink '{Sink}' lists owner '{Owner}', and no policy runs yet to declare it; the owners are checked again when a policy version loads",
                    sink, owner);
                continue;
            }

            // A typo's owner is named first (the list of every declared owner can be long).
            var near = NameSuggester.Closest(owner, declared);
            logger.LogWarning(
                "Engine:Sinks: sink '{Sink}' lists owner '{Owner}', which no running policy version declares ({Near}declared: {Declared}); only tickets pinned to an older version can still send it decisions for that owner",
                sink, owner, near.Count == 0 ? "" : $"did you mean {string.Join(" or ", near)}? ", string.Join(", ", declared.Order(StringComparer.Ordinal)));
        }
    }

    private void ReplayOpenTickets(CancellationToken cancellation = default)
    {
        Metrics.ResetOpen();
        var open = new Dictionary<string, PolicyVersion?>(StringComparer.Ordinal);
        var unmirrored = new List<string>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = "SELECT ticket_id, policy, state IS NULL FROM tickets WHERE closed = 0";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (reader.GetBoolean(2))
                {
                    unmirrored.Add(id); // open since before schema 2: its state row is filled below
                }

                var version = Version(reader.GetString(1));
                open[id] = version;
                if (version is null)
                {
                    // Its policy version no longer binds (logged once for the version by the registry).
                    unavailable.Add(id);
                }
            }
        }

        // Each open ticket's log through the ticket index, so a start takes time with the open tickets, not
        // with the years of closed ones beside them (one pass over the whole log read every row of them).
        // A start with many open tickets takes a while: said before and after, and a stop ends it.
        var started = Stopwatch.GetTimestamp();
        if (open.Count > 0)
        {
            logger.LogInformation("Rebuilding the open tickets from their logs ({Count})", open.Count);
        }

        var done = 0;
        foreach (var (id, version) in open)
        {
            if (version is null)
            {
                continue;
            }

            if (++done % 1024 == 0)
            {
                cancellation.ThrowIfCancellationRequested();
            }

            using var reader = store.TicketLog.Query(id);
            while (reader.Read() && ReplayStored(id, version, reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)))
            {
            }
        }

        if (open.Count > 0)
        {
            logger.LogInformation("Rebuilt the open tickets from their logs ({Count}) in {Seconds:F1} s", tickets.Count, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        using (var migrated = store.Connection.CreateCommand())
        {
            migrated.CommandText = "SELECT DISTINCT ticket_id FROM ticket_migrations";
            using var reader = migrated.ExecuteReader();
            while (reader.Read())
            {
                TakePagesSent(reader.GetString(0));
            }
        }

        var now = Now;
        foreach (var ticket in tickets.All)
        {
            Metrics.MoveTicket(default, Place(new TicketEntry(ticket)));
            Schedule(ticket, null, now);
        }

        foreach (var id in unmirrored)
        {
            if (tickets.TryGetValue(id, out var ticket))
            {
                dirtyTickets[id] = (new TicketEntry(ticket), now);
            }
        }

        // Written here, in the replay's transaction, not by the first request's group after a start.
        FlushDeadlines();
        FlushTickets();
    }

    /// <summary>
    /// Replays one row of an open ticket's stored log at start; false when the log cannot be replayed (a bug
    /// or a damaged row): that one ticket is left out (its rows stay stored) rather than keep the whole
    /// engine from starting.
    /// </summary>
    private bool ReplayStored(string ticketId, PolicyVersion version, string kind, long at, string? body)
    {
        try
        {
            Replay(ticketId, version, kind, at, body);
            return true;
        }
        catch (Exception e) when (e is not Microsoft.Data.Sqlite.SqliteException)
        {
            tickets.Remove(ticketId);
            MarkUnavailable(ticketId, e);
            return false;
        }
    }

    /// <summary>
    /// Replays one stored row. With <paramref name="check"/> (a migration, under a version the events
    /// were not accepted by) each event is checked against the version first; a restart replays
    /// events as they were accepted, even where a later esc validates more strictly.
    /// </summary>
    private void Replay(string ticketId, PolicyVersion version, string kind, long at, string? body, bool check = false)
    {
        scratch.Clear();
        if (kind == "advance")
        {
            if (tickets.TryGetValue(ticketId, out var advancing))
            {
                new TicketEntry(advancing).Policy.Runtime.AdvanceTo(advancing, Instant.FromUnixTimeMilliseconds(at), scratch);
            }

            return;
        }

        var e = StoredEvent.Parse(body, ticketId);
        // An event runs under the version of its ticket in memory; a created event opens it under the
        // version the ticket is pinned to. Anything else (an event of a ticket not open) has nothing to run.
        var open = tickets.TryGetValue(ticketId, out var ticket);
        var runs = open ? new TicketEntry(ticket!).Policy : e.Kind == TicketEventKind.Created ? version : null;
        if (runs is null)
        {
            return;
        }

        if (check)
        {
            Fits(e, runs);
        }

        if (open)
        {
            runs.Runtime.Apply(ticket!, e, scratch);
        }
        else
        {
            tickets.Set(TicketEntry.Pin(runs.Runtime.Open(e, scratch), runs).Ticket);
        }
    }

    /// <summary>
    /// A stored event replayed by a migration, under another version than the one that accepted it, is
    /// checked first: the new version may have dropped a severity, a field or a value it names. Such a
    /// log does not replay, for a reason an operator can read (<see cref="EventRefusedException"/>).
    /// </summary>
    private static void Fits(TicketEvent e, PolicyVersion version)
    {
        if (version.Compiled.Validate(e) is { } problem)
        {
            throw new EventRefusedException($"version {version.Version} of policy '{version.Name}' refuses its {TicketEventKinds.Name(e.Kind)} event '{e.EventId}' at {TicketEventJson.FormatTime(e.At)}: {problem}");
        }
    }

    /// <summary>
    /// An open ticket from memory, or a closed one rebuilt from its log (in memory from then on, not
    /// counted in the open-ticket gauge until a change reopens it); null if unknown. A ticket whose
    /// log cannot be replayed throws <see cref="TicketUnavailableException"/>, and is logged once and
    /// remembered so later requests for it are answered without replaying again.
    /// <paramref name="withoutNewest"/> leaves out the ticket's newest stored event: the one the
    /// ingest check has just appended, which is validated and applied after the load, not replayed.
    /// With <paramref name="migration"/> (the ticket was just repinned to the version a migration tries)
    /// each event is checked against that version, and a failed replay is only thrown, not remembered.
    /// </summary>
    private TicketEntry? Load(string ticketId, bool withoutNewest = false, bool migration = false)
    {
        if (tickets.TryGetValue(ticketId, out var open))
        {
            return new TicketEntry(open);
        }

        if (unavailable.Contains(ticketId))
        {
            throw new TicketUnavailableException(ticketId);
        }

        // Closed earlier in this group: out of memory, and its row is written only at the commit.
        if (dirtyTickets.TryGetValue(ticketId, out var changed))
        {
            tickets.Set(changed.Entry.Ticket);
            return changed.Entry;
        }

        if (StoredTicket(ticketId) is not { Fingerprint: var fingerprint })
        {
            return null;
        }

        var rows = new List<(string Kind, long At, string? Body)>();
        using (var reader = store.TicketLog.Query(ticketId))
        {
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        if (withoutNewest && rows.Count > 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        try
        {
            var version = Version(fingerprint) ?? throw VersionMissing(ticketId, fingerprint);
            foreach (var (kind, at, body) in rows)
            {
                Replay(ticketId, version, kind, at, body, check: migration);
            }
        }
        catch (Exception e) when (e is not Microsoft.Data.Sqlite.SqliteException)
        {
            tickets.Remove(ticketId);
            if (!migration)
            {
                MarkUnavailable(ticketId, e);
            }

            throw new TicketUnavailableException(ticketId, e);
        }

        if (!migration && Migrations(ticketId).Count > 0)
        {
            TakePagesSent(ticketId);
        }

        return tickets.TryGetValue(ticketId, out var loaded) ? new TicketEntry(loaded) : null;
    }

    /// <summary>Leaves a ticket out of memory for good (until a restart tries again), logged once.</summary>
    private void MarkUnavailable(string ticketId, Exception cause)
    {
        if (unavailable.Add(ticketId))
        {
            logger.LogCritical(cause, "Ticket {Ticket} could not be rebuilt from its log (a damaged row, a policy version that no longer binds, or a bug); it is left out of memory, its stored events are kept, and requests for it fail until this is fixed", ticketId);
        }
    }

    /// <summary>Why a ticket cannot be rebuilt when the version it is pinned to is not stored or no longer binds.</summary>
    private static InvalidDataException VersionMissing(string ticketId, string fingerprint) =>
        new($"ticket {ticketId} is pinned to policy {fingerprint}, which is not stored or no longer binds");

    /// <summary>The fingerprint of the policy version a stored ticket is pinned to, and whether it is closed; null when no row holds it.</summary>
    private (string Fingerprint, bool Closed)? StoredTicket(string ticketId)
    {
        using var reader = store.FindTicket.Query(ticketId);
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1) != 0) : null;
    }

    /// <summary>A policy version by fingerprint: loaded, or restored from the policies table.</summary>
    private PolicyVersion? Version(string fingerprint)
    {
        if (Registry.Find(fingerprint) is { } known)
        {
            return known;
        }

        using var reader = store.PolicySource.Query(fingerprint);
        return reader.Read() ? Registry.Restore(fingerprint, reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>After a failed commit the memory may be ahead of the database: rebuild it.</summary>
    private void Reload()
    {
        // What was found unavailable may rest on the rolled-back work (a migration's repin): the
        // replay below marks the open tickets again, a closed one is tried again when next needed.
        unavailable.Clear();
        tickets.Clear();
        queue.Clear();
        dueWhenScheduled.Clear();
        var wasLive = live;
        live = false;
        try
        {
            store.Begin();
            ReplayOpenTickets();
            store.Commit();
        }
        catch (Exception e)
        {
            DropUnwritten();
            store.Rollback();
            logger.LogCritical(e, "Reloading tickets from the database failed; the engine keeps what it has in memory");
        }

        live = wasLive;
        PublishNextDue(long.MaxValue);
    }
}
