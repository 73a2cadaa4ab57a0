using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>What the store records of migrations: a ticket's moves, and which replayed decisions were stored (sent).</summary>
internal sealed partial class EngineLoop
{
    /// <summary>A ticket's stored migrations, oldest first (none for a ticket that never moved, or moved before schema version 5).</summary>
    public List<StoredMigration> Migrations(string ticketId)
    {
        var found = new List<StoredMigration>();
        using var reader = store.TicketMigrations.Query(ticketId);
        while (reader.Read())
        {
            found.Add(new StoredMigration(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), reader.GetString(5)));
        }

        return found;
    }

    /// <summary>
    /// Of the given decisions, those the outbox holds as they are (same id, time, kind and owner): the ones
    /// that were sent. A decision a migration's replay made, and no version took as such, is not among them.
    /// </summary>
    public HashSet<string> Sent(IEnumerable<(string Id, Instant At, string Kind, string? Owner)> decisions)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, at, kind, owner) in decisions)
        {
            using var reader = store.StoredDecision.Query(id);
            if (reader.Read() && reader.GetInt64(0) == at.ToUnixTimeMilliseconds() && reader.GetString(1) == kind
                && (reader.IsDBNull(2) ? null : reader.GetString(2)) == owner)
            {
                sent.Add(id);
            }
        }

        return sent;
    }

    /// <summary>The ticket's latest migration, or null.</summary>
    private StoredMigration? LastMigration(string ticketId) => Migrations(ticketId) is { Count: > 0 } all ? all[^1] : null;
}
