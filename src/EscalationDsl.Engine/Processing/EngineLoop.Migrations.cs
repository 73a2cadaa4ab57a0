using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Processing;

/// <summary>What the store records of migrations: a ticket's moves, and the decisions stored (sent) for it.</summary>
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
    /// The ticket's decisions the outbox holds, in time order: the ones that were sent, by whichever version the ticket
    /// ran then. A decision a migration's replay made, and no version took as such, is not among them.
    /// </summary>
    public List<StoredDecision> SentDecisions(string ticketId)
    {
        var found = new List<StoredDecision>();
        using var reader = store.TicketDecisions.Query(ticketId);
        while (reader.Read())
        {
            found.Add(new StoredDecision(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        return found;
    }

    /// <summary>
    /// A migrated ticket's pages as they were really sent: the replay under its new version may page where the version
    /// that ran then did not, or the reverse, so whether `stop paging` has pages to stop is read from the outbox (a page
    /// sent after the last stop_paging sent).
    /// </summary>
    private void TakePagesSent(string ticketId)
    {
        if (!tickets.TryGetValue(ticketId, out var ticket))
        {
            return;
        }

        var paged = false;
        foreach (var sent in SentDecisions(ticketId))
        {
            paged = sent.Kind switch { "page" => true, "stop_paging" => false, _ => paged };
        }

        TicketRuntime.SetPagesSent(ticket, paged);
    }

    /// <summary>The ticket's latest migration, or null.</summary>
    private StoredMigration? LastMigration(string ticketId) => Migrations(ticketId) is { Count: > 0 } all ? all[^1] : null;
}
