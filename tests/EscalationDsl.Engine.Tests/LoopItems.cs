using System.Text;
using System.Text.Json;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Tests;

/// <summary>Work items and events for tests that post to the engine loop directly.</summary>
internal static class LoopItems
{
    /// <summary>An event as the API parses it, from the anonymous objects the fixture builds.</summary>
    public static TicketEvent Parse(object e)
    {
        var json = JsonSerializer.Serialize(e);
        using var document = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        return TicketEventJson.Parse(document.RootElement, out var error) ?? throw new InvalidOperationException(error);
    }

    /// <summary>A request of these events, as the batch endpoint posts it.</summary>
    public static IngestItem Request(params object[] events) => new(events.Select(Parse).ToList(), batch: true);

    /// <summary>Posts the items so the loop takes them as one group: it is held by a gate while they are posted.</summary>
    public static Task PostAsOneGroup(EngineLoop loop, params WorkItem[] items) => PostAsOneGroup(loop, ahead: false, items);

    /// <summary>
    /// Posts the items as one group; with <paramref name="ahead"/>, the gate holding the loop runs
    /// ahead of the writer, so they are posted even while the writer cannot commit.
    /// </summary>
    public static async Task PostAsOneGroup(EngineLoop loop, bool ahead, params WorkItem[] items)
    {
        var gate = await LoopGate.Hold(loop, ahead);
        foreach (var item in items)
        {
            loop.Post(item);
        }

        gate.Release.SetResult();
    }
}

/// <summary>Blocks the loop thread until released.</summary>
/// <param name="ahead">
/// Whether the gate runs ahead of the store writer, as requests whose checks need only memory do;
/// otherwise it runs against the store, so the loop first waits until the writer is idle.
/// </param>
internal sealed class LoopGate(bool ahead = false) : WorkItem
{
    /// <summary>Posts a gate and waits until the loop is held by it: items posted next are taken as one group once it is released.</summary>
    public static async Task<LoopGate> Hold(EngineLoop loop, bool ahead = false)
    {
        var gate = new LoopGate(ahead);
        loop.Post(gate);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return gate;
    }

    public override bool TryRunAhead(EngineLoop loop)
    {
        if (ahead)
        {
            Run(loop);
        }

        return ahead;
    }

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Run(EngineLoop loop)
    {
        Entered.SetResult();
        Release.Task.Wait();
    }

    public override void Complete()
    {
    }

    public override void Fail(EngineError error)
    {
    }
}

/// <summary>Runs an action on the loop thread as a work item that runs ahead of the writer, so it joins the group of the items posted with it.</summary>
internal sealed class AheadAction(Action<EngineLoop> action) : WorkItem
{
    public override bool TryRunAhead(EngineLoop loop)
    {
        Run(loop);
        return true;
    }

    public override void Run(EngineLoop loop) => action(loop);

    public override void Complete()
    {
    }

    public override void Fail(EngineError error)
    {
    }
}
