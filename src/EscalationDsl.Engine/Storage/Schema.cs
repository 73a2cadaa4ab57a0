namespace EscalationDsl.Engine.Storage;

/// <summary>
/// The database schema as numbered migrations. A database records the last migration applied
/// (PRAGMA user_version); startup applies the rest in order, each in its own transaction.
/// Migrations are never edited once released: add a new one.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        // 1: the first schema.
        """
        CREATE TABLE policies (
            fingerprint TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            version     INTEGER NOT NULL,
            source      TEXT NOT NULL,
            path        TEXT NOT NULL,
            loaded_at   INTEGER NOT NULL
        );
        CREATE TABLE tickets (
            ticket_id    TEXT PRIMARY KEY,
            policy       TEXT NOT NULL REFERENCES policies(fingerprint),
            created_at   INTEGER NOT NULL,
            closed       INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX tickets_open ON tickets(closed) WHERE closed = 0;
        -- The ticket log: accepted events, and the scheduler's deadline runs ('advance'), in the
        -- order they were applied. Replaying it through the runtime rebuilds every ticket exactly.
        CREATE TABLE events (
            seq          INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL,
            event_id     TEXT UNIQUE,
            ticket_id    TEXT NOT NULL,
            at           INTEGER NOT NULL,
            received_at  INTEGER NOT NULL,
            body         TEXT
        );
        CREATE INDEX events_ticket ON events(ticket_id, seq);
        CREATE TABLE deadlines (
            ticket_id TEXT PRIMARY KEY,
            due_at    INTEGER NOT NULL
        );
        CREATE INDEX deadlines_due ON deadlines(due_at);
        CREATE TABLE decisions (
            decision_id TEXT PRIMARY KEY,
            ticket_id   TEXT NOT NULL,
            at          INTEGER NOT NULL,
            kind        TEXT NOT NULL,
            owner       TEXT,
            rule        TEXT,
            body        TEXT NOT NULL,
            created_at  INTEGER NOT NULL
        );
        CREATE TABLE deliveries (
            decision_id     TEXT NOT NULL REFERENCES decisions(decision_id),
            sink            TEXT NOT NULL,
            status          TEXT NOT NULL,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            last_error      TEXT,
            delivered_at    INTEGER,
            PRIMARY KEY (decision_id, sink)
        );
        CREATE INDEX deliveries_pending ON deliveries(next_attempt_at) WHERE status = 'pending';
        CREATE TABLE delivery_attempts (
            decision_id TEXT NOT NULL,
            sink        TEXT NOT NULL,
            attempt     INTEGER NOT NULL,
            at          INTEGER NOT NULL,
            outcome     TEXT NOT NULL,
            detail      TEXT
        );
        """,

        // 2: each ticket's current state beside it, for operators reading the database (the engine
        // itself rebuilds tickets from their log). Written with every change, in its transaction;
        // NULL until a ticket's first change under this schema.
        """
        ALTER TABLE tickets ADD COLUMN state TEXT;
        ALTER TABLE tickets ADD COLUMN severity TEXT;
        ALTER TABLE tickets ADD COLUMN owner TEXT;
        ALTER TABLE tickets ADD COLUMN escalation_level INTEGER;
        ALTER TABLE tickets ADD COLUMN updated_at INTEGER;
        ALTER TABLE tickets ADD COLUMN acknowledged_at INTEGER;
        ALTER TABLE tickets ADD COLUMN resolved_at INTEGER;
        ALTER TABLE tickets ADD COLUMN fields TEXT;
        """,

        // 3: the version each policy name last ran and the file it ran from, so that a start with two
        // files declaring one name runs the one that ran before, and a file refused at start keeps it.
        // Filled from the best evidence an older database has, a guess the first start says is one
        // (EngineLoop.CurrentVersions): the version of the name's newest ticket, which ran when that
        // ticket was created (or moved to it); else the version first loaded last (policies.loaded_at
        // is when a version was first loaded: a file put back to an older text does not change it).
        """
        CREATE TABLE current_versions (
            name        TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL REFERENCES policies(fingerprint),
            path        TEXT NOT NULL
        );
        INSERT INTO current_versions (name, fingerprint, path)
            SELECT p.name, p.fingerprint, p.path FROM policies p JOIN (
                SELECT fingerprint, row_number() OVER (PARTITION BY name ORDER BY ticket DESC, at DESC, seq DESC) AS best FROM (
                    SELECT v.name, v.fingerprint, 1 AS ticket, t.created_at AS at, t.rowid AS seq FROM tickets t JOIN policies v ON v.fingerprint = t.policy
                    UNION ALL
                    SELECT name, fingerprint, 0, loaded_at, rowid FROM policies)
                ) e ON e.fingerprint = p.fingerprint AND e.best = 1;
        """,

        // 4: each delivery's decision time beside it, so that a sink's pending deliveries are read in
        // decision order (time, then as stored) from an index, head first: a delivery waiting for its
        // retry holds its sink's later ones back. The index by next attempt is no longer read. The
        // dead-lettered deliveries by sink and time, so that listing and counting them reads no other row.
        """
        ALTER TABLE deliveries ADD COLUMN decision_at INTEGER NOT NULL DEFAULT 0;
        UPDATE deliveries SET decision_at = (SELECT x.at FROM decisions x WHERE x.decision_id = deliveries.decision_id);
        DROP INDEX deliveries_pending;
        CREATE INDEX deliveries_line ON deliveries(sink, decision_at) WHERE status = 'pending';
        CREATE INDEX deliveries_dead ON deliveries(sink, next_attempt_at) WHERE status = 'dead';
        """,

        // 5: each migration of a ticket to another version of its policy, so that its timeline says when it moved
        // and which of the decisions replayed under the new version were never sent, also after a restart. seq is
        // the ticket's last log row replayed under the new version (the deadline run at the migration instant).
        // A database from before it records no migration: the moves made then are not known.
        """
        CREATE TABLE ticket_migrations (
            ticket_id        TEXT NOT NULL,
            seq              INTEGER NOT NULL,
            at               INTEGER NOT NULL,
            from_fingerprint TEXT NOT NULL REFERENCES policies(fingerprint),
            to_fingerprint   TEXT NOT NULL REFERENCES policies(fingerprint)
        );
        CREATE INDEX ticket_migrations_ticket ON ticket_migrations(ticket_id, seq);
        """,
    ];
}
