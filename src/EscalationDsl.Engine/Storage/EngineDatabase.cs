using EscalationDsl.Engine.Files;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Opens connections to the engine's SQLite file (WAL) and brings its schema up to date. Holds the
/// database's lock file (<see cref="Lock"/>) from before the first migration until disposed.
/// </summary>
internal sealed class EngineDatabase : IDisposable
{
    private FileStream? heldLock;
    private bool madeLock;
    private string[] madeFiles = [];
    private bool abandonWhenDisposed;
    private readonly string connectionString;
    private readonly string synchronous;

    public EngineDatabase(string path, string synchronous)
    {
        Path = System.IO.Path.GetFullPath(path);
        // Checked by EngineSettings; it is pasted into a PRAGMA, so it is checked again here.
        this.synchronous = synchronous.ToUpperInvariant() is "FULL" or "NORMAL" or "EXTRA"
            ? synchronous.ToUpperInvariant()
            : throw new ArgumentException($"'{synchronous}' is not a SQLite synchronous mode", nameof(synchronous));
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The lock file beside a database: <c>FILE.lock</c>.</summary>
    public static string LockPath(string database) => database + ".lock";

    /// <summary>
    /// Two engines on one database would each keep their own tickets in memory and both fire every
    /// deadline (and a second one, of another version, could migrate the first one's schema under
    /// it): the engine holds FILE.lock (an advisory lock the system drops when the process ends, even
    /// when killed) from before it reads or migrates the database until it stops, and a second is refused.
    /// </summary>
    public void Lock()
    {
        var file = LockPath(Path);
        try
        {
            if (heldLock is null)
            {
                var existed = File.Exists(file);
                heldLock = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                madeLock = !existed;

                // Looked at under the lock, so no other engine makes them meanwhile: a database that is
                // not there yet is this engine's, with its write-ahead log and index, until it starts.
                madeFiles = File.Exists(Path) ? [] : [.. OwnFiles.Where(f => !File.Exists(f))];
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw LockRefused(e);
        }
    }

    /// <summary>
    /// Why the lock file could not be taken: only a lock another process holds on it means another
    /// engine; a read-only mount, a name too long, a full disk and the rest each say what they are.
    /// </summary>
    internal EngineConfigurationException LockRefused(Exception e)
    {
        var file = LockPath(Path);
        return FileFailure.Cause(e) switch
        {
            FileFailureCause.HeldByAnother => EngineConfigurationException.For(
                "Engine:Database", $"{Path} is in use by another engine (it holds {file}); run one engine per database"),
            FileFailureCause.ReadOnlyFileSystem => ReadOnly(),
            _ => EngineConfigurationException.For("Engine:Database", $"cannot create {file}: {FileFailure.Reason(e, file, "the database")}"),
        };
    }

    /// <summary>The database, its write-ahead log and index: what SQLite makes of a new database in WAL mode.</summary>
    private string[] OwnFiles => [Path, Path + "-wal", Path + "-shm"];

    /// <summary>
    /// Releases the lock file after a start that failed, removing first the database files this
    /// engine made (a database that was there before is left whole) and the lock file when it made
    /// it, so the failed start leaves no file behind. Removed while the lock is still held, so never
    /// while another engine holds it or could be making them; a lock file that was there before is
    /// left, as the next engine would make it again. Every connection must be closed by then.
    /// </summary>
    public void Abandon()
    {
        if (heldLock is not null)
        {
            if (madeFiles.Length > 0)
            {
                // Pooled connections keep the file open, and the last one to close would write the
                // write-ahead log's index again.
                using (var connection = new SqliteConnection(connectionString))
                {
                    SqliteConnection.ClearPool(connection);
                }

                Array.ForEach(madeFiles, TryDelete);
            }

            if (madeLock)
            {
                TryDelete(LockPath(Path));
            }
        }

        heldLock?.Dispose();
        heldLock = null;
    }

    /// <summary>
    /// Makes <see cref="Dispose"/> <see cref="Abandon"/> the database: the start failed after the host
    /// was built, whose container closes the connections before it disposes the database (made first).
    /// </summary>
    public void AbandonWhenDisposed() => abandonWhenDisposed = true;

    /// <summary>Releases the lock file (it stays, for the next engine to take), or abandons the database (<see cref="AbandonWhenDisposed"/>).</summary>
    public void Dispose()
    {
        if (abandonWhenDisposed)
        {
            Abandon();
            return;
        }

        heldLock?.Dispose();
        heldLock = null;
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Windows removes no file that is open; it stays, harmless: the next start uses it.
        }
    }

    /// <summary>
    /// Opens a connection with the engine's pragmas, all set again each time: connections are
    /// pooled, and one the engine loop tuned for itself (EngineStore) may come back from the pool.
    /// </summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 1000;");
        return connection;
    }

    /// <summary>
    /// Whether <see cref="Migrate"/> upgraded a database from before schema version 3, which records no
    /// version that each policy name ran last: migration 3 filled current_versions with a guess.
    /// </summary>
    public bool GuessedCurrentVersions { get; private set; }

    /// <summary>Applies the migrations the database has not seen yet.</summary>
    /// <returns>The schema version after migrating.</returns>
    public int Migrate()
    {
        try
        {
            return MigrateWritable();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_READONLY)
        {
            // A file in rollback-journal mode (as `esc backup` writes one) is opened for reading and
            // refused at the first write, switching it to WAL, before the check below can run.
            throw ReadOnly();
        }
    }

    private int MigrateWritable()
    {
        using var connection = Open();
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > Schema.Migrations.Length)
        {
            throw EngineConfigurationException.For(
                "Engine:Database", $"{Path} has schema version {version}, newer than this engine knows ({Schema.Migrations.Length}); use a newer esc");
        }

        // SQLite opens a file it may not write (its permissions, a read-only mount) for reading: the
        // engine would fail at its first write, as it starts.
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw ReadOnly();
        }

        GuessedCurrentVersions = version is > 0 and < 3;
        for (var i = version; i < Schema.Migrations.Length; i++)
        {
            using var tx = connection.BeginTransaction();
            Execute(connection, Schema.Migrations[i], tx);
            Execute(connection, $"PRAGMA user_version = {i + 1}", tx);
            tx.Commit();
        }

        return Schema.Migrations.Length;
    }

    private EngineConfigurationException ReadOnly() => EngineConfigurationException.For(
        "Engine:Database", $"{Path} is read-only; the engine writes to it (and to files next to it): give it a file and folder it can write");

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
