using EscalationDsl.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// `esc backup` copies the engine's database while the engine runs: every event and decision stored
/// before the backup is in the copy, also what only the write-ahead log holds (a copy of the file
/// alone misses it), and the documented restore (stop, put the copy in place, start) brings the
/// engine back to that point. The command's paths and messages are tested in EscalationDsl.Cli.Tests.
/// </summary>
public sealed class BackupTests
{
    [Fact]
    public async Task ABackupWhileTheEngineRunsHoldsWhatOnlyTheLogHasAndRestores()
    {
        await using var engine = await EngineFixture.StartAsync();
        var at = EngineFixture.Start;

        // A reader holding a snapshot from before the events keeps every later commit in the log:
        // no checkpoint can copy it into the database file.
        var backup = Path.Combine(engine.Folder, "backup.db");
        using (var reader = Open(engine.Database))
        {
            using var snapshot = reader.BeginTransaction();
            Count(reader, "SELECT count(*) FROM events").ShouldBe(0);
            for (var i = 0; i < 20; i++)
            {
                await engine.PostEventOk(EngineFixture.Created($"c{i}", $"INC-{i}", at));
            }

            await engine.AdvanceAsync(TimeSpan.FromMinutes(15)); // pages and notifications: decisions
            var summary = EngineBackup.Write(engine.Database, backup);

            summary.ShouldBe(new BackupSummary(Schema.Migrations.Length, 20, 20, 20, EngineFixture.Start.ToUnixTimeMilliseconds(), new FileInfo(backup).Length));
            snapshot.Rollback();
            using var copy = Open(backup);

            // Three per ticket: the acknowledge breach, the commander notified, on-call paged.
            Count(copy, "SELECT count(*) FROM decisions").ShouldBe(60);
            Count(reader, "SELECT count(*) FROM decisions").ShouldBe(60);
        }

        File.Exists(backup + "-wal").ShouldBeFalse("the copy is one file");
        File.Exists(EngineBackup.PartialPath(backup)).ShouldBeFalse();

        // After the backup: lost by restoring it.
        await engine.PostEventOk(EngineFixture.Created("late", "INC-LATE", at.AddMinutes(15)));
        await engine.StopHostAsync();
        SqliteConnection.ClearAllPools(); // as the stopped engine's process would: no connection keeps the old log open
        File.Delete(engine.Database + "-wal");
        File.Delete(engine.Database + "-shm");
        File.Copy(backup, engine.Database, overwrite: true);
        await engine.StartHostAsync();

        (await engine.GetJson("/v1/tickets/INC-7"))!["state"]!.GetValue<string>().ShouldBe("open");
        (await engine.GetJson("/v1/tickets/INC-LATE")).ShouldBeNull();
    }

    private static SqliteConnection Open(string database)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
