using EscalationDsl.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>Takes a stopped engine's database back to an older schema version, as a database written by an earlier esc would be.</summary>
internal static class OlderSchema
{
    /// <summary>Undoes the migrations after <paramref name="version"/>, newest first, keeping the rows the older schema has.</summary>
    public static void TakeBack(string database, int version)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        for (var undo = Schema.Migrations.Length; undo > version; undo--)
        {
            Execute(connection, Undo(undo));
        }

        Execute(connection, $"PRAGMA user_version = {version}");
    }

    /// <summary>The SQL that undoes migration <paramref name="migration"/> (numbered from 1).</summary>
    private static string Undo(int migration) => migration switch
    {
        5 => "DROP TABLE ticket_migrations;",
        4 => """
            DROP INDEX deliveries_line;
            DROP INDEX deliveries_dead;
            ALTER TABLE deliveries DROP COLUMN decision_at;
            CREATE INDEX deliveries_pending ON deliveries(next_attempt_at) WHERE status = 'pending';
            """,
        3 => "DROP TABLE current_versions;",
        2 => $"""
            CREATE TABLE tickets_v1 AS SELECT ticket_id, policy, created_at, closed FROM tickets;
            DROP TABLE tickets;
            {System.Text.RegularExpressions.Regex.Match(Schema.Migrations[0], @"CREATE TABLE tickets \(.*?\);", System.Text.RegularExpressions.RegexOptions.Singleline).Value}
            CREATE INDEX tickets_open ON tickets(closed) WHERE closed = 0;
            INSERT INTO tickets SELECT * FROM tickets_v1;
            DROP TABLE tickets_v1;
            """,
        _ => throw new ArgumentOutOfRangeException(nameof(migration), migration, "no undo for this migration; add one"),
    };

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
