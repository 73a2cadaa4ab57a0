using System.Net;
using System.Text.Json.Nodes;
using EscalationDsl.Engine.Processing;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// The loop runs requests ahead of the store writer (which commits on its own thread). These tests
/// stall or break the real writer through the real database file (another connection holding the
/// write lock, a trigger that makes an insert fail) and check what runs ahead stays correct: ids
/// and tickets waiting to be committed are known, a failed commit refuses what was built on it and
/// the tickets in memory are rebuilt, and a bug ahead of the writer fails only its own request.
/// </summary>
public sealed class PipelineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnEventSentAgainWhileItsFirstCopyWaitsForTheDiskIsAnsweredAsARetry()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start));
        var acknowledged = EngineFixture.Event("a1", "INC-1", EngineFixture.Start.AddMinutes(1), "acknowledged");
        Task<HttpResponseMessage> first, second;
        using (HoldWriteLock(engine))
        {
            first = engine.PostEvent(acknowledged);
            await RanAhead(engine, "acknowledged", 1); // the first waits in the writer
            second = engine.PostEvent(acknowledged);
            await Task.Delay(300);
        }

        var answers = await Task.WhenAll(first.WaitAsync(Wait), second.WaitAsync(Wait));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK, string.Join("\n", bodies));
        JsonNode.Parse(bodies[0])!["replayed"]!.GetValue<bool>().ShouldBeFalse();
        JsonNode.Parse(bodies[1])!["replayed"]!.GetValue<bool>().ShouldBeTrue();
        Execute(engine, "SELECT count(*) FROM events WHERE ticket_id = 'INC-1'").ShouldBe(2L);
        (await State(engine, "INC-1")).ShouldBe("acknowledged");
    }

    [Fact]
    public async Task ATicketClosedWhileItsRowsWaitForTheDiskCannotBeCreatedAgain()
    {
        await using var engine = await EngineFixture.StartAsync();
        Task<HttpResponseMessage> closing, again;
        using (HoldWriteLock(engine))
        {
            closing = engine.PostBatch(
                EngineFixture.Created("c1", "INC-1", EngineFixture.Start),
                EngineFixture.Event("c2", "INC-1", EngineFixture.Start.AddMinutes(1), "closed"));
            await RanAhead(engine, "closed", 1); // closed: out of memory, its row not yet committed
            again = engine.PostEvent(EngineFixture.Created("c3", "INC-1", EngineFixture.Start.AddMinutes(2)));
            await Task.Delay(300);
        }

        (await closing.WaitAsync(Wait)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await again.WaitAsync(Wait);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Ticket exists");
        (await State(engine, "INC-1")).ShouldBe("closed");
    }

    [Fact]
    public async Task AFailedCommitRefusesEverythingBuiltOnItAndRebuildsTheTicketsInMemory()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start));
        PlantFailure(engine, "events", "NEW.event_id = 'boom'");

        // Two requests run ahead into one batch; the second's insert fails, so neither is stored.
        var acknowledge = LoopItems.Request(EngineFixture.Event("a1", "INC-1", EngineFixture.Start.AddMinutes(1), "acknowledged"));
        var boom = LoopItems.Request(EngineFixture.Created("boom", "INC-2", EngineFixture.Start));
        await LoopItems.PostAsOneGroup(engine.Loop, acknowledge, boom);
        (await acknowledge.Task.WaitAsync(Wait)).Error!.Status.ShouldBe(503);
        (await boom.Task.WaitAsync(Wait)).Error!.Status.ShouldBe(503);

        // Memory was rebuilt from the database: the acknowledgement that was refused left no trace.
        (await State(engine, "INC-1")).ShouldBe("open");
        (await engine.Http.GetAsync("/v1/tickets/INC-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Sent again, both are new events, not retries.
        Execute(engine, "DROP TRIGGER planted_failure");
        var acknowledged = await engine.PostEventOk(EngineFixture.Event("a1", "INC-1", EngineFixture.Start.AddMinutes(1), "acknowledged"));
        acknowledged["replayed"]!.GetValue<bool>().ShouldBeFalse();
        acknowledged["state"]!.GetValue<string>().ShouldBe("acknowledged");
        (await engine.PostEventOk(EngineFixture.Created("boom", "INC-2", EngineFixture.Start)))["replayed"]!.GetValue<bool>().ShouldBeFalse();

        await engine.StopHostAsync();
        await engine.StartHostAsync();
        (await State(engine, "INC-1")).ShouldBe("acknowledged");
        (await State(engine, "INC-2")).ShouldBe("open");
    }

    [Fact]
    public async Task ABatchQueuedBehindAFailedCommitIsRefusedToo()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start));
        PlantFailure(engine, "events", "NEW.event_id = 'boom'");
        Task<HttpResponseMessage> creating, acknowledging;
        using (HoldWriteLock(engine))
        {
            creating = engine.PostEvent(EngineFixture.Created("boom", "INC-2", EngineFixture.Start));
            await RanAhead(engine, "created", 2); // its batch waits in the writer
            acknowledging = engine.PostEvent(EngineFixture.Event("a2", "INC-2", EngineFixture.Start.AddMinutes(1), "acknowledged"));
            await RanAhead(engine, "acknowledged", 1); // on top of it; queued behind it
        }

        (await creating.WaitAsync(Wait)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var second = await acknowledging.WaitAsync(Wait);
        second.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await second.Content.ReadAsStringAsync());
        Execute(engine, "SELECT count(*) FROM events WHERE ticket_id = 'INC-2'").ShouldBe(0L);
        Execute(engine, "SELECT count(*) FROM tickets WHERE ticket_id = 'INC-2'").ShouldBe(0L);
    }

    [Fact]
    public async Task RowsOfAGroupThatFailedAgainstTheStoreAreNotWrittenByALaterOne()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start));
        PlantFailure(engine, "tickets", "NEW.ticket_id = 'INC-9'");

        // A read first: the group runs against the store, its ticket row written through the inline batch.
        var read = new ReadItem<int>(_ => 0);
        var create = LoopItems.Request(EngineFixture.Created("c9", "INC-9", EngineFixture.Start));
        await LoopItems.PostAsOneGroup(engine.Loop, read, create);
        (await create.Task.WaitAsync(Wait)).Error!.Status.ShouldBe(503);
        _ = read.Task.Exception;

        Execute(engine, "DROP TRIGGER planted_failure");
        (await State(engine, "INC-1")).ShouldBe("open"); // another group against the store
        Execute(engine, "SELECT count(*) FROM tickets WHERE ticket_id = 'INC-9'").ShouldBe(0L);
        (await engine.PostEventOk(EngineFixture.Created("c9", "INC-9", EngineFixture.Start)))["replayed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task ABugAheadOfTheWriterFailsOnlyItsOwnRequest()
    {
        await using var engine = await EngineFixture.StartAsync();
        var before = LoopItems.Request(EngineFixture.Created("ok-a", "OK-A", EngineFixture.Start));
        var buggy = new BuggyAhead(LoopItems.Request(EngineFixture.Created("bug-1", "BUG-1", EngineFixture.Start)));
        var after = LoopItems.Request(EngineFixture.Created("ok-b", "OK-B", EngineFixture.Start));
        await LoopItems.PostAsOneGroup(engine.Loop, before, buggy, after);

        (await buggy.Done.Task.WaitAsync(Wait))!.Status.ShouldBe(500);
        (await before.Task.WaitAsync(Wait)).Error.ShouldBeNull();
        (await after.Task.WaitAsync(Wait)).Error.ShouldBeNull();
        await OnlyTheGoodTicketsExist();

        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await OnlyTheGoodTicketsExist();

        async Task OnlyTheGoodTicketsExist()
        {
            (await engine.Http.GetAsync("/v1/tickets/BUG-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await engine.Http.GetAsync("/v1/tickets/OK-A")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await engine.Http.GetAsync("/v1/tickets/OK-B")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task AnIdCommittedWhileTheLoopReadsAnOlderSnapshotIsStillKnownAfterTheWriterCatchesUp()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start));
        var acknowledged = EngineFixture.Event("a1", "INC-1", EngineFixture.Start.AddMinutes(1), "acknowledged");
        var first = LoopItems.Request(acknowledged);
        var creating = LoopItems.Request(EngineFixture.Created("c2", "INC-2", EngineFixture.Start));
        var buggy = new BuggyAhead(LoopItems.Request(EngineFixture.Created("bug-1", "BUG-1", EngineFixture.Start)));
        var again = LoopItems.Request(acknowledged);
        using (HoldWriteLock(engine))
        {
            engine.Loop.Post(first);
            await Task.Delay(300); // run ahead: its id is in flight, its batch waits in the writer

            // One group: the first request's check of a stored id reads a snapshot without "a1";
            // the bug makes the loop wait for the writer (which commits "a1" once the lock is
            // released) and forget what it had in flight; then "a1" comes again.
            var posting = LoopItems.PostAsOneGroup(engine.Loop, ahead: true, creating, buggy, again);
            await posting.WaitAsync(Wait);
            await Task.Delay(300);
        }

        (await first.Task.WaitAsync(Wait)).Error.ShouldBeNull();
        (await creating.Task.WaitAsync(Wait)).Error.ShouldBeNull();
        (await buggy.Done.Task.WaitAsync(Wait))!.Status.ShouldBe(500);
        var (results, error) = await again.Task.WaitAsync(Wait);
        error.ShouldBeNull(error?.Detail);
        results!.Single().Replayed.ShouldBeTrue();
        Execute(engine, "SELECT count(*) FROM events WHERE event_id = 'a1'").ShouldBe(1L);
        (await State(engine, "INC-1")).ShouldBe("acknowledged");
    }

    [Fact]
    public async Task TheLoopHoldsNoReadTransactionBetweenRequests()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "INC-1", EngineFixture.Start)); // its id checked against the database

        // A reader left on an older snapshot keeps the write-ahead log from being copied back and
        // emptied: TRUNCATE reports it busy for as long as the reader stays. (The engine's own
        // checkpointer may be busy for a moment after the commit, so it is asked a few times.)
        using var connection = new SqliteConnection($"Data Source={engine.Database};Pooling=False");
        connection.Open();
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        var busy = true;
        for (var attempt = 0; busy && attempt < 50; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(100);
            }

            busy = Convert.ToInt64(checkpoint.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
        }

        busy.ShouldBeFalse("a reader holds an older snapshot of the database");
    }

    /// <summary>
    /// Waits until the loop has run <paramref name="count"/> events of <paramref name="type"/> in memory:
    /// <c>esc_events_total</c> counts an event as it runs, ahead of the writer, and the loop hands its
    /// batch to the writer before it takes the next request. A fixed pause was not enough on a loaded
    /// machine: a request that took longer to arrive was overtaken by the next, or arrived after the lock
    /// was released, and the test saw another order of events than the one it is about.
    /// </summary>
    private static Task RanAhead(EngineFixture engine, string type, int count) =>
        engine.ScrapeUntil(
            m => m.Contains($"esc_events_total{{otel_scope_name=\"EscalationDsl.Engine\",type=\"{type}\"}} {count}\n", StringComparison.Ordinal),
            $"{count} {type} event(s) run ahead of the writer");

    /// <summary>Another connection holds the database's write lock until disposed: the writer waits for it.</summary>
    private static SqliteConnection HoldWriteLock(EngineFixture engine)
    {
        var connection = new SqliteConnection($"Data Source={engine.Database};Pooling=False");
        connection.Open();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        begin.ExecuteNonQuery();
        return connection; // disposing it rolls back and releases the lock
    }

    /// <summary>Makes inserting a matching row into the table fail inside SQLite, as a disk failure would (trigger <c>planted_failure</c>).</summary>
    private static void PlantFailure(EngineFixture engine, string table, string when) =>
        Execute(engine, $"CREATE TRIGGER planted_failure BEFORE INSERT ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'a failure planted by the test'); END");

    /// <summary>The ticket's state as the read API gives it.</summary>
    private static async Task<string> State(EngineFixture engine, string ticket) =>
        (await engine.GetJson($"/v1/tickets/{ticket}"))!["state"]!.GetValue<string>();

    /// <summary>Runs SQL on the engine's database file from another connection; returns the first value.</summary>
    private static object? Execute(EngineFixture engine, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={engine.Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Runs its request ahead of the writer as a real one does, then throws as a bug would (and again against the store).</summary>
    private sealed class BuggyAhead(IngestItem request) : WorkItem
    {
        public TaskCompletionSource<EngineError?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool TryRunAhead(EngineLoop loop)
        {
            request.TryRunAhead(loop).ShouldBeTrue();
            throw new InvalidOperationException("a planted bug");
        }

        public override void Run(EngineLoop loop)
        {
            request.Run(loop);
            throw new InvalidOperationException("a planted bug");
        }

        public override void Complete() => Done.SetResult(null);

        public override void Fail(EngineError error) => Done.SetResult(error);
    }
}
