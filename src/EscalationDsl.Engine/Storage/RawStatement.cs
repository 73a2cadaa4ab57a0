using Microsoft.Data.Sqlite;
using System.Text;
using SQLitePCL;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// A prepared statement driven through SQLitePCLRaw (the layer under Microsoft.Data.Sqlite) for the
/// writes the engine makes per event: binding and stepping directly skips the ADO.NET parameter
/// machinery, which costs as much as the insert itself here (docs/performance.md). It runs on the
/// connection's own handle, inside the transaction Microsoft.Data.Sqlite opened. Values are always
/// bound as parameters, never spliced into SQL.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 db;
    private readonly sqlite3_stmt statement;
    private byte[] utf8 = new byte[256];

    public RawStatement(SqliteConnection connection, string sql)
    {
        db = connection.Handle!;
        var rc = raw.sqlite3_prepare_v2(db, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, db);
    }

    /// <summary>The 1-based index of a named parameter such as <c>$id</c>.</summary>
    public int ParameterIndex(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}", nameof(name));
    }

    /// <summary>
    /// Binds a string, encoded as UTF-8 into a buffer the statement reuses (SQLite copies bound
    /// text), not into a new array per value as binding the string itself would.
    /// </summary>
    public RawStatement Text(int index, string? value)
    {
        if (value is null)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_null(statement, index), db);
            return this;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > utf8.Length)
        {
            utf8 = new byte[Math.Max(most, 2 * utf8.Length)];
        }

        return Utf8(index, utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, utf8)));
    }

    /// <summary>Binds UTF-8 text as it is (no conversion from .NET strings).</summary>
    public RawStatement Utf8(int index, ReadOnlySpan<byte> value)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(statement, index, value), db);
        return this;
    }

    public RawStatement Integer(int index, long value)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, index, value), db);
        return this;
    }

    public RawStatement Integer(int index, long? value) =>
        value is { } v ? Integer(index, v) : Text(index, null);

    /// <summary>Runs the statement and returns the number of rows it changed.</summary>
    public int Run()
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return raw.sqlite3_changes(db);
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    /// <summary>Runs a query and says whether it returned a row.</summary>
    public bool Any()
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }

            return rc == raw.SQLITE_ROW;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose() => statement.Dispose();
}
