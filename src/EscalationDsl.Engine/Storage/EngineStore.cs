using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// The engine's write connection and its prepared statements, used by one thread at a time: the
/// store writer's, and the engine loop's while the writer is idle; one transaction per group of
/// work items (group commit).
/// </summary>
internal sealed class EngineStore : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly List<Sql> all = [];
    private readonly Checkpointer checkpointer;
    private readonly HashSet<string> storedPolicies = new(StringComparer.Ordinal);
    private readonly List<string> policiesInTransaction = [];
    private SqliteTransaction? transaction;

    public EngineStore(EngineDatabase database, ILogger logger)
    {
        connection = database.Open();
        // The writer does not check the schema's foreign keys: checking a ticket row's policy on
        // every write cost about 5 µs of the loop per ticket row (docs/performance.md). The store
        // keeps them instead: a ticket row's policy version is written in the same transaction
        // (StorePolicy), a delivery row in its decision's. Other connections keep checking them.
        EngineDatabase.Execute(connection, $"PRAGMA wal_autocheckpoint = {Checkpointer.BackstopPages}; PRAGMA foreign_keys = OFF;");
        Sql Prepare(string text, params string[] names)
        {
            var sql = new Sql(connection, text, names);
            all.Add(sql);
            return sql;
        }

        FindEvent = Prepare("SELECT seq, ticket_id, body FROM events WHERE event_id = $id", "$id");
        InsertEvent = Prepare(
            "INSERT OR IGNORE INTO events (kind, event_id, ticket_id, at, received_at, body) VALUES ('event', $id, $ticket, $at, $received, $body)",
            "$id", "$ticket", "$at", "$received", "$body");
        InsertAdvance = Prepare(
            "INSERT INTO events (kind, ticket_id, at, received_at) VALUES ('advance', $ticket, $at, $received)",
            "$ticket", "$at", "$received");
        FindTicket = Prepare("SELECT policy, closed FROM tickets WHERE ticket_id = $id", "$id");
        TicketExists = Prepare("SELECT 1 FROM tickets WHERE ticket_id = $id", "$id");
        UpsertTicket = Prepare(
            """
            INSERT INTO tickets (ticket_id, policy, created_at, closed, state, severity, owner, escalation_level, updated_at, acknowledged_at, resolved_at, fields)
            VALUES ($id, $policy, $created, $closed, $state, $severity, $owner, $level, $updated, $acknowledged, $resolved, $fields)
            ON CONFLICT(ticket_id) DO UPDATE SET policy = excluded.policy, closed = excluded.closed, state = excluded.state, severity = excluded.severity,
                owner = excluded.owner, escalation_level = excluded.escalation_level, updated_at = excluded.updated_at,
                acknowledged_at = excluded.acknowledged_at, resolved_at = excluded.resolved_at, fields = excluded.fields
            """,
            "$id", "$policy", "$created", "$closed", "$state", "$severity", "$owner", "$level", "$updated", "$acknowledged", "$resolved", "$fields");
        RepinTicket = Prepare("UPDATE tickets SET policy = $policy WHERE ticket_id = $id", "$id", "$policy");
        UpsertDeadline = Prepare(
            "INSERT INTO deadlines (ticket_id, due_at) VALUES ($id, $due) ON CONFLICT(ticket_id) DO UPDATE SET due_at = excluded.due_at",
            "$id", "$due");
        DeleteDeadline = Prepare("DELETE FROM deadlines WHERE ticket_id = $id", "$id");
        InsertDecision = Prepare(
            "INSERT OR IGNORE INTO decisions (decision_id, ticket_id, at, kind, owner, rule, body, created_at) VALUES ($id, $ticket, $at, $kind, $owner, $rule, $body, $created)",
            "$id", "$ticket", "$at", "$kind", "$owner", "$rule", "$body", "$created");
        InsertDelivery = Prepare(
            "INSERT OR IGNORE INTO deliveries (decision_id, sink, status, attempts, next_attempt_at, decision_at) VALUES ($id, $sink, 'pending', 0, $next, $at)",
            "$id", "$sink", "$next", "$at");
        UpdateDelivery = Prepare(
            "UPDATE deliveries SET status = $status, attempts = $attempts, next_attempt_at = $next, last_error = $error, delivered_at = $delivered WHERE decision_id = $id AND sink = $sink",
            "$id", "$sink", "$status", "$attempts", "$next", "$error", "$delivered");
        InsertAttempt = Prepare(
            "INSERT INTO delivery_attempts (decision_id, sink, attempt, at, outcome, detail) VALUES ($id, $sink, $attempt, $at, $outcome, $detail)",
            "$id", "$sink", "$attempt", "$at", "$outcome", "$detail");
        FindDeliveries = Prepare("SELECT sink, status FROM deliveries WHERE decision_id = $id ORDER BY sink", "$id");
        RetryDelivery = Prepare(
            "UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $now WHERE decision_id = $id AND sink = $sink AND status = 'dead'",
            "$id", "$sink", "$now");
        InsertPolicy = Prepare(
            "INSERT OR IGNORE INTO policies (fingerprint, name, version, source, path, loaded_at) VALUES ($fp, $name, $version, $source, $path, $at)",
            "$fp", "$name", "$version", "$source", "$path", "$at");
        PolicySource = Prepare("SELECT source, path FROM policies WHERE fingerprint = $fp", "$fp");
        SetCurrentVersion = Prepare(
            """
            INSERT INTO current_versions (name, fingerprint, path) VALUES ($name, $fp, $path)
            ON CONFLICT(name) DO UPDATE SET fingerprint = excluded.fingerprint, path = excluded.path
            WHERE fingerprint <> excluded.fingerprint OR path <> excluded.path
            """,
            "$name", "$fp", "$path");
        TicketLog = Prepare("SELECT kind, at, body, seq FROM events WHERE ticket_id = $id ORDER BY seq", "$id");
        InsertMigration = Prepare(
            "INSERT INTO ticket_migrations (ticket_id, seq, at, from_fingerprint, to_fingerprint) SELECT $id, max(seq), $at, $from, $to FROM events WHERE ticket_id = $id",
            "$id", "$at", "$from", "$to");
        TicketMigrations = Prepare(
            """
            SELECT m.seq, m.at, f.version, m.from_fingerprint, t.version, m.to_fingerprint FROM ticket_migrations m
            JOIN policies f ON f.fingerprint = m.from_fingerprint JOIN policies t ON t.fingerprint = m.to_fingerprint
            WHERE m.ticket_id = $id ORDER BY m.seq, m.rowid
            """,
            "$id");
        // decisions has no index by ticket, but every decision id starts with its ticket's id and '/': the ids from
        // "{ticket}/" up to "{ticket}0" ('0' follows '/') are read from the primary key's index, the ticket's only.
        TicketDecisions = Prepare(
            "SELECT decision_id, at, kind, owner, body FROM decisions WHERE decision_id >= $ticket || '/' AND decision_id < $ticket || '0' AND ticket_id = $ticket ORDER BY at, rowid",
            "$ticket");
        Savepoint = Prepare("SAVEPOINT item");
        RollbackSavepoint = Prepare("ROLLBACK TO item");
        ReleaseSavepoint = Prepare("RELEASE item");
        checkpointer = new Checkpointer(database, logger); // last: nothing above can leave its thread running
    }

    public Sql FindEvent { get; }

    public Sql Savepoint { get; }

    public Sql RollbackSavepoint { get; }

    public Sql ReleaseSavepoint { get; }

    public Sql InsertEvent { get; }

    public Sql InsertAdvance { get; }

    public Sql FindTicket { get; }

    public Sql TicketExists { get; }

    public Sql UpsertTicket { get; }

    public Sql RepinTicket { get; }

    public Sql UpsertDeadline { get; }

    public Sql DeleteDeadline { get; }

    public Sql InsertDecision { get; }

    public Sql InsertDelivery { get; }

    public Sql UpdateDelivery { get; }

    public Sql InsertAttempt { get; }

    /// <summary>A decision's deliveries: sink and status.</summary>
    public Sql FindDeliveries { get; }

    /// <summary>Puts a dead delivery back in line for its sink, due now, its attempts counted afresh.</summary>
    public Sql RetryDelivery { get; }

    private Sql InsertPolicy { get; }

    public Sql PolicySource { get; }

    /// <summary>Records the version a policy name runs and its file (current_versions), written with its policies row.</summary>
    public Sql SetCurrentVersion { get; }

    public Sql TicketLog { get; }

    /// <summary>Records a ticket's migration after the deadline run at its instant (the ticket's last log row).</summary>
    public Sql InsertMigration { get; }

    /// <summary>A ticket's migrations, oldest first: seq, at, from version and fingerprint, to version and fingerprint.</summary>
    public Sql TicketMigrations { get; }

    /// <summary>A ticket's stored decisions (in the outbox, routed to the sinks) in time order: id, at, kind, owner, body.</summary>
    public Sql TicketDecisions { get; }

    public SqliteConnection Connection => connection;

    /// <summary>Raised after each commit, on the thread that committed.</summary>
    public event Action? Committed;

    /// <summary>Raised after each rollback, on the thread that rolled back.</summary>
    public event Action? RolledBack;

    /// <summary>
    /// Writes a policy version's row unless this store has committed it already: called for every
    /// version that loads and for the version of every ticket row written, so a ticket's version is
    /// stored in the same transaction as the ticket row that names it. The writer does not check
    /// foreign keys; this is what keeps them. A version counts as stored only once the transaction
    /// that wrote it commits: a rolled-back group (a reload among its items) leaves it to be written again.
    /// </summary>
    public void StorePolicy(string fingerprint, string name, int version, string source, string path, long now)
    {
        if (storedPolicies.Contains(fingerprint) || policiesInTransaction.Contains(fingerprint))
        {
            return;
        }

        InsertPolicy.Execute(fingerprint, name, version, source, path, now);
        policiesInTransaction.Add(fingerprint);
    }

    public void Begin()
    {
        transaction = connection.BeginTransaction();
        foreach (var sql in all)
        {
            sql.Transaction = transaction;
        }
    }

    public void Commit()
    {
        transaction?.Commit();
        storedPolicies.UnionWith(policiesInTransaction);
        End();
        Committed?.Invoke();
        checkpointer.Committed();
    }

    public void Rollback()
    {
        try
        {
            transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // The transaction may already be gone (for example after a disk I/O error).
        }

        End();
        RolledBack?.Invoke();
    }

    private void End()
    {
        policiesInTransaction.Clear();
        transaction?.Dispose();
        transaction = null;
        foreach (var sql in all)
        {
            sql.Transaction = null;
        }
    }

    public void Dispose()
    {
        foreach (var sql in all)
        {
            sql.Dispose();
        }

        transaction?.Dispose();
        connection.Dispose();
        checkpointer.Dispose();
    }
}
