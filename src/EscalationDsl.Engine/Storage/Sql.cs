using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// A prepared, parameterised statement reused across transactions (no SQL is ever built from input).
/// Writes (<see cref="Execute"/>) and existence checks (<see cref="Any"/>) bind and step through
/// <see cref="RawStatement"/>; queries that read columns go through Microsoft.Data.Sqlite's reader.
/// </summary>
internal sealed class Sql : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly string text;
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;
    private readonly string[] names;
    private RawStatement? write;
    private int[] indexes = [];
    private bool positional;

    public Sql(SqliteConnection connection, string text, params string[] names)
    {
        this.connection = connection;
        this.text = text;
        command = connection.CreateCommand();
        command.CommandText = text;
        parameters = names.Select(n => command.Parameters.Add(new SqliteParameter(n, null))).ToArray();
        this.names = names;
    }

    public SqliteTransaction? Transaction
    {
        set => command.Transaction = value;
    }

    /// <summary>Runs a write with the values bound in order; returns the number of rows changed.</summary>
    public int Execute(params object?[] values) => Bind(values).Run();

    /// <summary>Runs a query with the values bound in order through the same layer; says whether it returned a row.</summary>
    public bool Any(params object?[] values) => Bind(values).Any();

    /// <summary>
    /// The statement for binding values by type, without boxing, on the engine's hot paths: value
    /// <c>i</c> (1-based) is the <c>i</c>-th name given when the statement was prepared. Bind every
    /// value, then <see cref="RawStatement.Run"/>.
    /// </summary>
    public RawStatement Typed
    {
        get
        {
            var statement = Statement();
            return positional ? statement : throw new InvalidOperationException($"the parameters of '{text}' are not numbered in the order of their names: bind its values by name");
        }
    }

    private RawStatement Statement()
    {
        if (write is null)
        {
            write = new RawStatement(connection, text);
            indexes = names.Select(write.ParameterIndex).ToArray();
            positional = indexes.Select((index, i) => index == i + 1).All(same => same);
        }

        return write;
    }

    private RawStatement Bind(object?[] values)
    {
        var write = Statement();

        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null:
                    write.Text(indexes[i], null);
                    break;
                case string s:
                    write.Text(indexes[i], s);
                    break;
                case byte[] utf8:
                    write.Utf8(indexes[i], utf8);
                    break;
                case ReadOnlyMemory<byte> utf8:
                    write.Utf8(indexes[i], utf8.Span);
                    break;
                case long l:
                    write.Integer(indexes[i], l);
                    break;
                case int n:
                    write.Integer(indexes[i], n);
                    break;
                default:
                    throw new ArgumentException($"cannot bind a {values[i]!.GetType().Name}", nameof(values));
            }
        }

        return write;
    }

    public object? Scalar(params object?[] values)
    {
        BindParameters(values);
        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public SqliteDataReader Query(params object?[] values)
    {
        BindParameters(values);
        return command.ExecuteReader();
    }

    private void BindParameters(object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    public void Dispose()
    {
        write?.Dispose();
        command.Dispose();
    }
}
