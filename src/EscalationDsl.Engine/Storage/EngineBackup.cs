using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>What a backup holds, counted in the copy it wrote.</summary>
public sealed record BackupSummary(string Database, string Output, int SchemaVersion, long Tickets, long OpenTickets, long Events, long Bytes);

/// <summary>A file the backup cannot read or write, said with the path as the user gave it.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Copies an engine database, while the engine runs or not, with SQLite's online backup: one read
/// transaction over the source, so the copy is the database as of one commit (copying the file
/// alone in WAL mode misses what the write-ahead log holds). The copy is written beside the
/// output under a temporary name, checked (<c>PRAGMA quick_check</c>), then renamed into place,
/// so a failed backup leaves no file that looks like one. The source is only read.
/// </summary>
public static class EngineBackup
{
    /// <exception cref="BackupException">The database cannot be read or is not an engine's, or the output cannot be written.</exception>
    public static BackupSummary Write(string database, string output, string workingDirectory)
    {
        var source = Path.GetFullPath(database, workingDirectory);
        var target = Path.GetFullPath(output, workingDirectory);
        if (Directory.Exists(source))
        {
            throw new BackupException($"{database}: is a folder; name the engine's database file");
        }

        if (!File.Exists(source))
        {
            throw new BackupException($"{database}: no such database");
        }

        if (target == source || target == source + "-wal" || target == source + "-shm" || target == EngineDatabase.LockPath(source))
        {
            throw new BackupException($"{output}: is the database or one of its files; write the backup to a file of its own");
        }

        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new BackupException($"{output}: already exists; a backup never overwrites, name a new file");
        }

        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
        {
            throw new BackupException($"{output}: the folder {folder} does not exist");
        }

        var temporary = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var from = Open(source, SqliteOpenMode.ReadOnly))
            {
                if (SchemaVersion(from) == 0 || !HasTable(from, "events"))
                {
                    throw new BackupException($"{database}: is an SQLite database but not an escalation engine's (no events table)");
                }

                using var to = Open(temporary, SqliteOpenMode.ReadWriteCreate);
                from.BackupDatabase(to);
            }

            BackupSummary summary;
            using (var copy = Open(temporary, SqliteOpenMode.ReadWrite))
            {
                if (Scalar(copy, "PRAGMA quick_check") is not "ok" and var problem)
                {
                    throw new BackupException($"{output}: the copy does not check out ({problem}); the database may be damaged, see PRAGMA integrity_check");
                }

                // The copy is one file: no write-ahead log beside it to carry along.
                Scalar(copy, "PRAGMA journal_mode = DELETE");
                summary = new BackupSummary(
                    database, output, SchemaVersion(copy),
                    (long)Scalar(copy, "SELECT count(*) FROM tickets")!,
                    (long)Scalar(copy, "SELECT count(*) FROM tickets WHERE closed = 0")!,
                    (long)Scalar(copy, "SELECT count(*) FROM events WHERE kind = 'event'")!,
                    0);
            }

            File.Move(temporary, target);
            return summary with { Bytes = new FileInfo(target).Length };
        }
        catch (SqliteException e)
        {
            throw new BackupException($"{database}: cannot back up: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"{output}: cannot write: {e.Message}");
        }
        finally
        {
            File.Delete(temporary); // gone already after the rename
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }

    private static int SchemaVersion(SqliteConnection connection) => Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", name);
        return command.ExecuteScalar() is not null;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
