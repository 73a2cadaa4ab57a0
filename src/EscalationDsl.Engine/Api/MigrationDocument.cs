using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// A ticket's latest migration, in GET /v1/tickets/{id} (absent for a ticket that never moved, or moved only
/// before the engine recorded migrations, schema version 5).
/// </summary>
/// <param name="At">When it moved.</param>
/// <param name="FromVersion">The version it ran before.</param>
/// <param name="FromFingerprint">That version's fingerprint.</param>
public sealed record MigrationDocument(string At, int FromVersion, string FromFingerprint)
{
    internal static MigrationDocument? Of(StoredMigration? stored) =>
        stored is { } m ? new MigrationDocument(TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(m.At)), m.FromVersion, m.FromFingerprint) : null;
}
