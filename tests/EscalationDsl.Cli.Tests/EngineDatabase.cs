using EscalationDsl.Engine;
using EscalationDsl.Engine.Api;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Cli.Tests;

/// <summary>An empty engine database, made by the engine itself, for the commands that read one (esc backup).</summary>
internal static class EngineDatabase
{
    /// <summary>Starts and stops the engine on <paramref name="folder"/>, which leaves <c>escalation.db</c> with its schema there.</summary>
    public static async Task<string> Create(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        var database = Path.Combine(folder, "escalation.db");
        await using (var engine = EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={database}", $"--Engine:Policies={Path.Combine(folder, "policies")}", $"--Engine:ApiKeys:0={ApiKeys.Hash("backup-test-key-0123456789")}"]))
        {
            await engine.StartAsync();
            await engine.StopAsync();
        }

        SqliteConnection.ClearAllPools();
        return database;
    }
}
