using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A start that fails as it starts listening (its address is in use) leaves no file it made: the
/// database, its write-ahead log and index, its lock file and the key file are removed, and a
/// database or key file that was there before is left as it was.
/// </summary>
public sealed class FailedListenTests : IDisposable
{
    private readonly StartFolder start = new("esc-listen-");

    private readonly TcpListener taken = new(IPAddress.Loopback, 0);

    public FailedListenTests() => taken.Start();

    private string Url => $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

    private string Database => Path.Combine(start.Path, "engine.db");

    private string KeyFile => Path.Combine(start.Path, "escalation.key");

    [Fact]
    public async Task AStartWhoseAddressIsInUseLeavesNoFileInAFreshFolder()
    {
        // The database and key file it made were kept: the next start, on another address, would use them.
        var app = start.BuildWithoutKeys($"--Engine:Listen={Url}", $"--Engine:ApiKeyFile={KeyFile}");
        File.Exists(KeyFile).ShouldBeTrue("made before the database");

        var e = await Should.ThrowAsync<EngineConfigurationException>(() => EngineHost.StartAsync(app));
        await app.DisposeAsync(); // as esc serve does: nothing more to do

        e.Message.ShouldBe($"Engine:Listen: Failed to bind to address {Url}: address already in use; another process listens there (choose another port, or port 0 for a free one)");
        Directory.EnumerateFileSystemEntries(start.Path).Select(Path.GetFileName).ShouldBe(["policies"], "no database, write-ahead log, index, lock or key file is left");
    }

    [Fact]
    public async Task ADatabaseAndKeyFileThatWereThereBeforeAreLeftWhole()
    {
        await using (var first = start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}"))
        {
            await EngineHost.StartAsync(first);
            await first.StopAsync();
        }

        Execute("CREATE TABLE notes (text TEXT NOT NULL); INSERT INTO notes VALUES ('kept');");
        var key = File.ReadAllText(KeyFile);
        var schema = Schema();

        await using var app = start.BuildWithoutKeys($"--Engine:Listen={Url}", $"--Engine:ApiKeyFile={KeyFile}");
        await Should.ThrowAsync<EngineConfigurationException>(() => EngineHost.StartAsync(app));

        File.ReadAllText(KeyFile).ShouldBe(key);
        Schema().ShouldBe(schema);
        Execute("SELECT text FROM notes").ShouldBe("kept");
        File.Exists(Database + ".lock").ShouldBeTrue("the lock file was there before too");
    }

    [Fact]
    public async Task AStartThatListensKeepsTheKeyFileItMade()
    {
        await using var app = start.BuildWithoutKeys($"--Engine:ApiKeyFile={KeyFile}");
        await EngineHost.StartAsync(app);
        await app.StopAsync();
        await app.DisposeAsync();

        File.ReadAllText(KeyFile).Trim().ShouldStartWith("esc_");
        File.Exists(Database).ShouldBeTrue();
    }

    /// <summary>The tables, indexes and schema version, as SQLite lists them.</summary>
    private string Schema() => Execute("SELECT group_concat(type || ' ' || name || ': ' || ifnull(sql, ''), char(10)) FROM (SELECT * FROM sqlite_master ORDER BY name)") + "\nversion " + Execute("PRAGMA user_version");

    private string? Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        taken.Dispose();
        start.Dispose();
    }
}
