using System.Net;
using System.Net.Http.Json;

namespace EscalationDsl.Engine.Tests;

/// <summary>Committed pages move from the write-ahead log into the database file off the engine loop.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task CommittedPagesReachTheDatabaseFileLongBeforeTheLogIsLarge()
    {
        await using var engine = await EngineFixture.StartAsync();
        var before = new FileInfo(engine.Database).Length;

        // About a megabyte of log: far below SQLite's own threshold of 1,000 pages (4 MB) and the
        // writer's backstop of 10,000, so only the checkpointer copies it into the file.
        var events = Enumerable.Range(0, 1000).Select(i => EngineFixture.Created($"c{i}", $"CP-{i}", EngineFixture.Start)).ToArray();
        var response = await engine.PostBatch(events);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        await EngineFixture.Eventually(
            () => Task.FromResult(new FileInfo(engine.Database).Length > before + 256 * 1024),
            $"the database file grows from {before} bytes as the checkpointer copies the committed pages into it");
    }
}
