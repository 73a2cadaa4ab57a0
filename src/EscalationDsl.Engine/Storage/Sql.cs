using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>A prepared, parameterised statement reused across transactions (no SQL is ever built from input).</summary>
internal sealed class Sql : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public Sql(SqliteConnection connection, string text, params string[] names)
    {
        command = connection.CreateCommand();
        command.CommandText = text;
        parameters = names.Select(n => command.Parameters.Add(new SqliteParameter(n, null))).ToArray();
    }

    public SqliteTransaction? Transaction
    {
        set => command.Transaction = value;
    }

    public int Execute(params object?[] values)
    {
        Bind(values);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(params object?[] values)
    {
        Bind(values);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public SqliteDataReader Query(params object?[] values)
    {
        Bind(values);
        return command.ExecuteReader();
    }

    private void Bind(object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose() => command.Dispose();
}
