using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Whether an event id or a ticket is stored (committed), read on a connection of its own: the
/// engine loop checks the requests it runs ahead of the writer against these and against what it
/// has in flight, while the writer's connection is busy writing.
/// The checks of one request share one read transaction (<see cref="Read"/>): a read on its own
/// starts and ends a read transaction of the write-ahead log every time, which cost more than the
/// index lookup itself (about 1.5 µs of the loop per event, docs/performance.md). The transaction
/// is kept short, so the log can be checkpointed and started afresh behind it.
/// </summary>
internal sealed class StoredKeys : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Sql eventStored;
    private readonly Sql ticketStored;
    private readonly Sql begin;
    private readonly Sql commit;
    private readonly Sql rollback;

    public StoredKeys(EngineDatabase database)
    {
        connection = database.Open();
        eventStored = new Sql(connection, "SELECT 1 FROM events WHERE event_id = $id", "$id");
        ticketStored = new Sql(connection, "SELECT 1 FROM tickets WHERE ticket_id = $id", "$id");
        begin = new Sql(connection, "BEGIN");
        commit = new Sql(connection, "COMMIT");
        rollback = new Sql(connection, "ROLLBACK");
    }

    /// <summary>Whether a read transaction is open (SQLite ends one itself after some errors).</summary>
    public bool Reading => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    public bool Event(string eventId) => eventStored.Typed.Text(1, eventId).Any();

    public bool Ticket(string ticketId) => ticketStored.Typed.Text(1, ticketId).Any();

    /// <summary>
    /// Starts a read transaction, ended when the scope is disposed: the checks in between read one
    /// snapshot, taken at the first of them. Ids the loop forgets as committed must not be checked
    /// against a snapshot taken before their commit, so a scope never spans the loop taking back
    /// finished batches.
    /// </summary>
    public ReadScope Read()
    {
        if (Reading)
        {
            rollback.Execute(); // left open by a failed end: its snapshot is stale
        }

        begin.Execute();
        return new ReadScope(this);
    }

    /// <summary>Ends the read transaction if SQLite has not ended it already (it may, after an I/O error).</summary>
    private void End()
    {
        if (Reading)
        {
            commit.Execute();
        }
    }

    public void Dispose()
    {
        // The connection goes back to the pool as it is: one disposed mid-check (a shutdown that
        // timed out) must not hand the next user an open transaction.
        if (Reading)
        {
            rollback.Execute();
        }

        eventStored.Dispose();
        ticketStored.Dispose();
        begin.Dispose();
        commit.Dispose();
        rollback.Dispose();
        connection.Dispose();
    }

    /// <summary>An open read transaction of <see cref="StoredKeys"/>.</summary>
    public readonly struct ReadScope(StoredKeys keys) : IDisposable
    {
        public void Dispose() => keys?.End();
    }
}
