using EscalationDsl.Engine;
using EscalationDsl.Engine.Api;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `esc backup` prints what the copy holds, and refuses what it cannot copy or write with one line
/// and exit code 2, creating nothing. The copy itself, taken while the engine runs, is tested in
/// EscalationDsl.Engine.Tests.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-backup-").FullName;

    [Fact]
    public async Task ABackupOfTheDefaultDatabaseSaysWhatItHolds()
    {
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        await using (var engine = EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "escalation.db")}", $"--Engine:Policies={Path.Combine(folder, "policies")}", $"--Engine:ApiKeys:0={ApiKeys.Hash("backup-test-key-0123456789")}"]))
        {
            await engine.StartAsync();
            await engine.StopAsync();
        }

        SqliteConnection.ClearAllPools();

        var result = Esc.RunIn(folder, string.Empty, "backup", "--output", "copy.db");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe($"backup: escalation.db -> copy.db: 0 tickets (0 open), 0 events, schema version 2, {new FileInfo(Path.Combine(folder, "copy.db")).Length} bytes\n");
    }

    [Theory]
    [InlineData("--db nope.db -o copy.db", "esc: backup: nope.db: no such database")]
    [InlineData("--db notes.txt -o copy.db", "esc: backup: notes.txt: cannot back up: SQLite Error 26: 'file is not a database'.")]
    [InlineData("--db other.db -o copy.db", "esc: backup: other.db: is an SQLite database but not an escalation engine's (no events table)")]
    [InlineData("--db . -o copy.db", "esc: backup: .: is a folder; name the engine's database file")]
    [InlineData("--db other.db -o other.db", "esc: backup: other.db: is the database or one of its files; write the backup to a file of its own")]
    [InlineData("--db other.db -o notes.txt", "esc: backup: notes.txt: already exists; a backup never overwrites, name a new file")]
    [InlineData("--db other.db -o missing/copy.db", "esc: backup: missing/copy.db: the folder {0}/missing does not exist")]
    public void WhatBackupCannotCopyExitsWithTwoAndOneLine(string arguments, string message)
    {
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a database\n");
        using (var other = new SqliteConnection($"Data Source={Path.Combine(folder, "other.db")};Pooling=False"))
        {
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE t (x)";
            create.ExecuteNonQuery();
        }

        var result = Esc.RunIn(folder, string.Empty, ["backup", .. arguments.Split(' ')]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, folder) + "\n");
        File.Exists(Path.Combine(folder, "copy.db")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(folder, "notes.txt")).ShouldBe("not a database\n");
        Directory.GetFiles(folder, "*.partial").ShouldBeEmpty();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
