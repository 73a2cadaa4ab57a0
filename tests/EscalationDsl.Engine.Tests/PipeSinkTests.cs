using EscalationDsl.Engine.Delivery;
using EscalationDsl.Tests;

namespace EscalationDsl.Engine.Tests;

/// <summary>A file sink whose Path is a named pipe nobody reads fails its deliveries, retried as others are, and holds no other sink up.</summary>
public sealed class PipeSinkTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-pipesink-").FullName;

    [Fact]
    public async Task APipeNobodyReadsIsRetriedWhileTheOtherSinkGetsItsDecision()
    {
        // Appending to the pipe waited for a reader for ever, on the dispatcher's thread: the other
        // sink was never sent its decision and no outcome was recorded.
        var pipe = Path.Combine(folder, "pipe.jsonl");
        await NamedPipes.CreateAsync(pipe);
        var audit = Path.Combine(folder, "audit.jsonl");

        // The pipe is the first sink (in place of the fixture's), so its delivery is sent first.
        await using var engine = await EngineFixture.StartAsync(
            null,
            "--Engine:Sinks:0:Name=pipe",
            $"--Engine:Sinks:0:Path={pipe}",
            "--Engine:Sinks:1:Name=audit",
            "--Engine:Sinks:1:Type=file",
            $"--Engine:Sinks:1:Path={audit}",
            "--Engine:Delivery:Backoff=00:00:10");
        try
        {
            await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start));
            await engine.AdvanceAsync(TimeSpan.FromMinutes(15));

            await EngineFixture.Eventually(() => Task.FromResult(File.Exists(audit) && File.ReadAllText(audit).Contains("INC-1/", StringComparison.Ordinal)), "the file sink's decision delivered");
            await EngineFixture.Eventually(() => Task.FromResult(PipeAttempts(engine).Count == 1), "the pipe's failed attempt recorded");
            engine.Time.Advance(TimeSpan.FromSeconds(10));
            await EngineFixture.Eventually(() => Task.FromResult(PipeAttempts(engine).Count == 2), "the pipe's delivery retried after its backoff");

            PipeAttempts(engine).ShouldAllBe(a => a == $"{pipe}: {FileSink.NoReader}");
        }
        finally
        {
            // Lets a delivery still waiting on the pipe (without the fix) go on, so the engine stops.
            await NamedPipes.ReleaseAsync(pipe);
        }
    }

    /// <summary>The pipe sink's recorded attempts, their details in order.</summary>
    private static List<string> PipeAttempts(EngineFixture engine)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT detail FROM delivery_attempts WHERE sink = 'pipe' ORDER BY attempt";
        using var reader = command.ExecuteReader();
        var details = new List<string>();
        while (reader.Read())
        {
            details.Add(reader.GetString(0));
        }

        return details;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
