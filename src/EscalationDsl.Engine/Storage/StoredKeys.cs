using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Whether an event id or a ticket is stored (committed), read on a connection of its own: the
/// engine loop checks the requests it runs ahead of the writer against these and against what it
/// has in flight, while the writer's connection is busy writing.
/// </summary>
internal sealed class StoredKeys : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly Sql eventStored;
    private readonly Sql ticketStored;

    public StoredKeys(EngineDatabase database)
    {
        connection = database.Open();
        eventStored = new Sql(connection, "SELECT 1 FROM events WHERE event_id = $id", "$id");
        ticketStored = new Sql(connection, "SELECT 1 FROM tickets WHERE ticket_id = $id", "$id");
    }

    public bool Event(string eventId) => eventStored.Typed.Text(1, eventId).Any();

    public bool Ticket(string ticketId) => ticketStored.Typed.Text(1, ticketId).Any();

    public void Dispose()
    {
        eventStored.Dispose();
        ticketStored.Dispose();
        connection.Dispose();
    }
}
