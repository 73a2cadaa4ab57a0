using EscalationDsl.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// `esc backup` copies the engine's database while the engine runs: every event answered before the
/// backup is in the copy (a copy of the file alone misses what only the write-ahead log holds), and
/// the documented restore (stop, put the copy in place, remove the old -wal and -shm, start) brings
/// the engine back to that point.
/// </summary>
public sealed class BackupTests
{
    [Fact]
    public async Task ABackupWhileTheEngineRunsHoldsEveryAnsweredEventAndRestores()
    {
        await using var engine = await EngineFixture.StartAsync();
        var at = EngineFixture.Start;
        for (var i = 0; i < 20; i++)
        {
            await engine.PostEventOk(EngineFixture.Created($"c{i}", $"INC-{i}", at));
        }

        var backup = Path.Combine(engine.Folder, "backup.db");
        var summary = EngineBackup.Write(engine.Database, "backup.db", engine.Folder);

        summary.ShouldBe(new BackupSummary(engine.Database, "backup.db", 2, 20, 20, 20, new FileInfo(backup).Length));
        Count(backup, "SELECT count(*) FROM events WHERE kind = 'event'").ShouldBe(20);
        Count(backup, "SELECT count(*) FROM decisions").ShouldBe(Count(engine.Database, "SELECT count(*) FROM decisions"));
        File.Exists(backup + "-wal").ShouldBeFalse("the copy is one file");
        Directory.GetFiles(engine.Folder, "*.partial").ShouldBeEmpty();

        // After the backup: lost by restoring it.
        await engine.PostEventOk(EngineFixture.Created("late", "INC-LATE", at));
        await engine.StopHostAsync();
        SqliteConnection.ClearAllPools(); // as the stopped engine's process would: no connection keeps the old log open
        File.Copy(backup, engine.Database, overwrite: true);
        File.Delete(engine.Database + "-wal");
        File.Delete(engine.Database + "-shm");
        await engine.StartHostAsync();

        (await engine.GetJson("/v1/tickets/INC-7"))!["state"]!.GetValue<string>().ShouldBe("open");
        (await engine.GetJson("/v1/tickets/INC-LATE")).ShouldBeNull();
    }

    [Fact]
    public async Task ABackupNeverOverwritesAndNeverTakesTheDatabasesOwnFiles()
    {
        await using var engine = await EngineFixture.StartAsync();
        File.WriteAllText(Path.Combine(engine.Folder, "taken.db"), "keep me");

        Should.Throw<BackupException>(() => EngineBackup.Write(engine.Database, "taken.db", engine.Folder))
            .Message.ShouldBe("taken.db: already exists; a backup never overwrites, name a new file");
        Should.Throw<BackupException>(() => EngineBackup.Write(engine.Database, "engine.db-wal", engine.Folder))
            .Message.ShouldBe("engine.db-wal: is the database or one of its files; write the backup to a file of its own");
        File.ReadAllText(Path.Combine(engine.Folder, "taken.db")).ShouldBe("keep me");
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
