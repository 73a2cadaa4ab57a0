namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A stored migration of a ticket (table <c>ticket_migrations</c>): <see cref="Seq"/> is its last log row
/// replayed under the new version (the deadline run at the migration instant <see cref="At"/>, Unix ms).
/// </summary>
internal readonly record struct StoredMigration(long Seq, long At, int FromVersion, string FromFingerprint, int ToVersion, string ToFingerprint);
