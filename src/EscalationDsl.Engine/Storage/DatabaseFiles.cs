namespace EscalationDsl.Engine.Storage;

/// <summary>The files an engine database consists of, each with what it is (for messages that refuse to write over one).</summary>
public static class DatabaseFiles
{
    /// <summary>The database (first), its write-ahead log and index, its rollback journal (SQLite removes one it finds, as a crashed write's), and the engine's lock file beside it.</summary>
    public static IReadOnlyList<(string Path, string What)> Of(string database) =>
    [
        (database, "the engine's database"),
        (database + "-wal", "the engine's write-ahead log"),
        (database + "-shm", "the engine's write-ahead log index"),
        (database + "-journal", "the engine's rollback journal"),
        (EngineDatabase.LockPath(database), "the engine's lock file"),
    ];
}
