using System.Net;
using System.Text.Json;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A bug on the loop thread (an exception no input should cause) fails only the request that
/// tripped it: its writes are undone, requests grouped with it still go through, and the loop goes on.
/// The bug is planted by a work item written for this test; the loop, store and HTTP API are real.
/// </summary>
public sealed class LoopFailureTests
{
    [Fact]
    public async Task ABugFailsOnlyItsOwnRequestAndUndoesItsWrites()
    {
        await using var engine = await EngineFixture.StartAsync();
        var buggy = new Buggy(LoopItems.Parse(EngineFixture.Created("bug-1", "BUG-1", EngineFixture.Start)));
        var bystander = new IngestItem([LoopItems.Parse(EngineFixture.Created("ok-1", "OK-1", EngineFixture.Start))], batch: false);

        await LoopItems.PostAsOneGroup(engine.Loop, buggy, bystander);

        var error = await buggy.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        error.ShouldNotBeNull();
        error.Status.ShouldBe(500);
        error.Title.ShouldBe("Internal error");
        var (results, failure) = await bystander.Task.WaitAsync(TimeSpan.FromSeconds(30));
        failure.ShouldBeNull();
        results!.Single().Ticket.ShouldBe("OK-1");

        // The buggy item's event was written before it threw, and is gone; the bystander's is stored.
        (await engine.Http.GetAsync("/v1/tickets/BUG-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await engine.Http.GetAsync("/v1/tickets/OK-1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The loop goes on, and a restart finds exactly what was answered as stored.
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", EngineFixture.Start));
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        (await engine.Http.GetAsync("/v1/tickets/BUG-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await engine.Http.GetAsync("/v1/tickets/OK-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.Http.GetAsync("/v1/tickets/INC-2")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task APolicyVersionWhoseLoadWasRolledBackIsStoredWithTheFirstTicketPinnedToIt()
    {
        await using var engine = await EngineFixture.StartAsync();
        var file = Path.Combine(engine.Policies, "support.esc");
        var source = await File.ReadAllTextAsync(file);

        // Version 2 loads in a group that fails to store: its row is rolled back, yet it is the
        // version the registry now runs.
        await File.WriteAllTextAsync(file, Versioned(source, 2));
        var reload = new CommandItem<IReadOnlyList<EscalationDsl.Engine.Policies.PolicyStatus>>(l => l.ReloadPolicies());
        var failure = new StorageFailure();
        await LoopItems.PostAsOneGroup(engine.Loop, reload, failure);
        (await failure.Done.Task.WaitAsync(TimeSpan.FromSeconds(30))).Status.ShouldBe(503);

        var created = await engine.PostEventOk(EngineFixture.Created("e1", "INC-NEW", EngineFixture.Start));
        created["policy_version"]!.GetValue<int>().ShouldBe(2);

        // After a restart with the file at version 3, the ticket is rebuilt on its stored version 2.
        await engine.StopHostAsync();
        await File.WriteAllTextAsync(file, Versioned(source, 3));
        await engine.StartHostAsync();
        var ticket = await engine.Http.GetAsync("/v1/tickets/INC-NEW");
        ticket.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await ticket.Content.ReadAsStringAsync()).RootElement.GetProperty("policy_version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task ReadsAndCommandsTheLoopCannotTakeAreAnswered503AsEventsAre()
    {
        // They were a bare 500, logged as an unhandled exception, while events got 503 "Engine stopping".
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start));
        engine.Loop.Complete();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/v1/tickets/INC-1"),
            (HttpMethod.Get, "/v1/tickets/INC-1/timeline"),
            (HttpMethod.Post, "/v1/tickets/INC-1:migrate"),
            (HttpMethod.Post, "/v1/policies:reload"),
            (HttpMethod.Post, "/v1/policies/support:migrate"),
        })
        {
            using var response = await engine.Http.SendAsync(new HttpRequestMessage(method, path));
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{method} {path}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            problem.GetProperty("title").GetString().ShouldBe("Engine stopping");
            problem.GetProperty("detail").GetString().ShouldBe("The engine is shutting down; retry against the restarted engine.");
        }
    }

    private static string Versioned(string source, int version) =>
        source.Replace("policy \"support\" version 1", $"policy \"support\" version {version}", StringComparison.Ordinal);

    /// <summary>Fails as the disk would: the group it runs in is rolled back and answered 503.</summary>
    private sealed class StorageFailure : WorkItem
    {
        public TaskCompletionSource<EngineError> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(EngineLoop loop) => throw new Microsoft.Data.Sqlite.SqliteException("disk I/O error (planted by the test)", 10);

        public override void Complete() => Done.TrySetException(new InvalidOperationException("the planted failure was stored"));

        public override void Fail(EngineError error) => Done.TrySetResult(error);
    }

    /// <summary>Stores an event as a real request does, then throws as a bug would.</summary>
    private sealed class Buggy(TicketEvent created) : WorkItem
    {
        public TaskCompletionSource<EngineError?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Run(EngineLoop loop)
        {
            var (_, error) = loop.Ingest(new IngestItem([created], batch: false));
            error.ShouldBeNull();
            throw new InvalidOperationException("a planted bug");
        }

        public override void Complete() => Done.SetResult(null);

        public override void Fail(EngineError error) => Done.SetResult(error);
    }
}
