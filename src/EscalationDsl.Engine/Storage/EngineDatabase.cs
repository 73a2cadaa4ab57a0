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
            }
        }
        catch (IOException)
        {
            throw EngineConfigurationException.For("Engine:Database", $"{Path} is in use by another engine (it holds {file}); run one engine per database");
        }
        catch (UnauthorizedAccessException e)
        {
            throw EngineConfigurationException.For("Engine:Database", $"cannot create {file}: {e.Message}");
        }
    }

    /// <summary>
    /// Releases the lock file after a start that failed, removing it first when this engine made it,
    /// so the failed start leaves no file behind. Removed while still held, so never while another
    /// engine holds it; a file that was there before is left, as the next engine would make it again.
    /// </summary>
    public void Abandon()
    {
        if (heldLock is not null && madeLock)
        {
            try
            {
                File.Delete(LockPath(Path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Windows removes no file that is open; the lock file stays, harmless.
            }
        }

        Dispose();
    }

    /// <summary>Releases the lock file (it stays, for the next engine to take).</summary>
    public void Dispose()
    {
        heldLock?.Dispose();
        heldLock = null;
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
