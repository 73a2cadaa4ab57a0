namespace EscalationDsl.Engine.Storage;

/// <summary>A backup that failed, and on which side: reading the database, or writing the copy.</summary>
public sealed class BackupException(bool output, string reason) : Exception(reason)
{
    /// <summary>True when writing the copy failed, false when the database could not be read or is not an engine's.</summary>
    public bool Output { get; } = output;
}
