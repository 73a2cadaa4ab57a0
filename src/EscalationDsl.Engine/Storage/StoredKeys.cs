using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Whether an event id or a ticket is stored (committed), read on a connection of its own: the
/// engine loop checks the requests it runs ahead of the writer against these and against what it
/// has in flight, while the writer's connection is busy writing.
/// The checks share one read transaction until <see cref="Release"/>: a read on its own would start
/// and end a read transaction of the write-ahead log every time, which cost more than the index
/// lookup itself (about 1.5 µs of the loop per event, docs/performance.md). The snapshot a
/// transaction reads is taken at its first check, so the loop releases it whenever it forgets ids
/// it had in flight (they are committed by then, and a later snapshot sees them).
/// </summary>
internal sealed class StoredKeys : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Sql eventStored;
    private readonly Sql ticketStored;
    private readonly Sql begin;
    private readonly Sql end;
    private bool reading;

    public StoredKeys(EngineDatabase database)
    {
        connection = database.Open();
        eventStored = new Sql(connection, "SELECT 1 FROM events WHERE event_id = $id", "$id");
        ticketStored = new Sql(connection, "SELECT 1 FROM tickets WHERE ticket_id = $id", "$id");
        begin = new Sql(connection, "BEGIN");
        end = new Sql(connection, "COMMIT");
    }

    public bool Event(string eventId)
    {
        Read();
        return eventStored.Typed.Text(1, eventId).Any();
    }

    public bool Ticket(string ticketId)
    {
        Read();
        return ticketStored.Typed.Text(1, ticketId).Any();
    }

    /// <summary>Ends the read transaction, if one is open: the next check reads what is committed by then.</summary>
    public void Release()
    {
        if (reading)
        {
            reading = false;
            end.Execute();
        }
    }

    private void Read()
    {
        if (!reading)
        {
            begin.Execute();
            reading = true;
        }
    }

    public void Dispose()
    {
        eventStored.Dispose();
        ticketStored.Dispose();
        begin.Dispose();
        end.Dispose();
        connection.Dispose();
    }
}
