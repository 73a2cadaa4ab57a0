namespace EscalationDsl.Engine.Storage;

/// <summary>What a backup holds, counted in the copy it wrote.</summary>
/// <param name="SchemaVersion">The copy's schema version (<c>PRAGMA user_version</c>).</param>
/// <param name="Tickets">Tickets in the copy.</param>
/// <param name="OpenTickets">Of those, the open ones.</param>
/// <param name="Events">Accepted events in the copy (deadline runs not counted).</param>
/// <param name="LatestEvent">When the newest of them was received (Unix ms), null when there are none: the backup is as of then.</param>
/// <param name="Bytes">The size of the copy.</param>
public sealed record BackupSummary(int SchemaVersion, long Tickets, long OpenTickets, long Events, long? LatestEvent, long Bytes);
