using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Copies an engine database, while the engine runs or not, with SQLite's online backup: every page
/// in one step, inside one read transaction over the database and its write-ahead log, so the copy
/// is the database as of one commit (copying the file alone misses what only the log holds). The
/// copy is written to <c>FILE.partial</c>, checked (<c>PRAGMA quick_check</c>), made one file
/// (no log beside it) and only then renamed to <c>FILE</c>; a <c>FILE.partial</c> left by an
/// interrupted backup is replaced. The caller checks the paths (the command line's rules).
/// </summary>
public static class EngineBackup
{
    /// <summary>Where the copy is written before it is renamed into place.</summary>
    public static string PartialPath(string output) => output + ".partial";

    /// <exception cref="BackupException">The database cannot be read or is not an engine's, or the copy cannot be written.</exception>
    public static BackupSummary Write(string database, string output)
    {
        var partial = PartialPath(output);
        RefuseNotRegular(database);
        try
        {
            OnOutput(() => DeletePartial(output));
            using (var from = OnDatabase(() => Open(database, SqliteOpenMode.ReadOnly)))
            {
                OnDatabase(() => Check(from));
                using var to = OnOutput(() => Open(partial, SqliteOpenMode.ReadWriteCreate));
                try
                {
                    from.BackupDatabase(to);
                }
                catch (SqliteException e)
                {
                    // Read errors of a damaged database are the database's; the rest (a full disk, a
                    // folder that cannot be written) are the copy's: the database was read just before.
                    throw new BackupException(output: e.SqliteErrorCode is not (SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB), e.Message);
                }
            }

            var summary = OnOutput(() =>
            {
                using var copy = Open(partial, SqliteOpenMode.ReadWrite);
                if (Scalar(copy, "PRAGMA quick_check(1)") is not "ok" and var problem)
                {
                    throw new BackupException(output: false, $"the copy does not check out ({problem}); the database may be damaged, see PRAGMA integrity_check");
                }

                Scalar(copy, "PRAGMA journal_mode = DELETE");
                return new BackupSummary(
                    Convert.ToInt32(Scalar(copy, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture),
                    (long)Scalar(copy, "SELECT count(*) FROM tickets")!,
                    (long)Scalar(copy, "SELECT count(*) FROM tickets WHERE closed = 0")!,
                    (long)Scalar(copy, "SELECT count(*) FROM events WHERE kind = 'event'")!,
                    Scalar(copy, "SELECT max(received_at) FROM events WHERE kind = 'event'") as long?,
                    0);
            });
            OnOutput(() => File.Move(partial, output));
            return summary with { Bytes = new FileInfo(output).Length };
        }
        finally
        {
            try
            {
                DeletePartial(output);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for the next backup to FILE, which replaces it; the failure above says why.
            }
        }
    }

    /// <summary>Runs a step that reads the database: its SQLite errors are the database's.</summary>
    private static T OnDatabase<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SqliteException e)
        {
            throw new BackupException(output: false, e.Message);
        }
    }

    private static void OnDatabase(Action step) => OnDatabase(() =>
    {
        step();
        return 0;
    });

    /// <summary>Runs a step that writes the copy: its SQLite and file errors are the copy's.</summary>
    private static T OnOutput<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new BackupException(output: true, e.Message);
        }
    }

    private static void OnOutput(Action step) => OnOutput(() =>
    {
        step();
        return 0;
    });

    /// <summary>
    /// A named pipe, socket or terminal is no database: SQLite's open of a pipe waited for a writer that never came,
    /// and the backup (a scheduled one, with its path from the settings) hung.
    /// </summary>
    private static void RefuseNotRegular(string database)
    {
        try
        {
            Files.NonBlockingFile.OpenRegular(database, "it is a named pipe, a socket or a terminal, not the engine's database file").Dispose();
        }
        catch (IOException e)
        {
            throw new BackupException(output: false, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BackupException(output: false, e.Message);
        }
    }

    /// <summary>Refuses a database that is not an engine's before anything is written.</summary>
    private static void Check(SqliteConnection database)
    {
        if (Convert.ToInt32(Scalar(database, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            throw new BackupException(output: false, "it is not an escalation engine's database (it has no schema version)");
        }

        // The tables the summary counts in the copy.
        var missing = Scalar(database, "SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events') THEN 'events' "
            + "WHEN NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tickets') THEN 'tickets' END");
        if (missing is string table)
        {
            throw new BackupException(output: false, $"it is not an escalation engine's database (it has no {table} table)");
        }
    }

    /// <summary>The files a backup to <paramref name="output"/> writes and removes: the partial copy and SQLite's files beside it.</summary>
    public static IEnumerable<string> PartialFiles(string output) =>
        new[] { "", "-journal", "-wal", "-shm" }.Select(suffix => PartialPath(output) + suffix);

    private static void DeletePartial(string output)
    {
        foreach (var file in PartialFiles(output))
        {
            File.Delete(file);
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();

        // The backup step takes the database's locks itself and does not retry: wait for a busy
        // database (recovering its log after a crash, or the engine's last checkpoint) as commands do.
        Scalar(connection, "PRAGMA busy_timeout = 30000");
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
