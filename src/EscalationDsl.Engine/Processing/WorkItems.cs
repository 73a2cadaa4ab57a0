using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Processing;

/// <summary>Work for the engine loop. Each item completes after the group it ran in has committed.</summary>
internal abstract class WorkItem
{
    /// <summary>Runs on the loop thread against the store, inside the group's transaction.</summary>
    public abstract void Run(EngineLoop loop);

    /// <summary>
    /// Runs on the loop thread ahead of the writer, if the item can: then true, its rows gathered
    /// for the writer; false, having changed nothing, if it needs the store (then <see cref="Run"/>).
    /// </summary>
    public virtual bool TryRunAhead(EngineLoop loop) => false;

    /// <summary>Called after the commit.</summary>
    public abstract void Complete();

    /// <summary>Called when the group failed to commit.</summary>
    public abstract void Fail(EngineError error);
}

/// <summary>Events from one request, applied all or none.</summary>
internal sealed class IngestItem(IReadOnlyList<TicketEvent> events, bool batch, IReadOnlyList<byte[]>? rawJson = null) : WorkItem
{
    private readonly TaskCompletionSource<(IReadOnlyList<EventResult>? Results, EngineError? Error)> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<EventResult>? results;
    private EngineError? error;

    public IReadOnlyList<TicketEvent> Events { get; } = events;

    public bool Batch { get; } = batch;

    /// <summary>The events as the client sent them (valid canonical JSON, UTF-8), stored as they are.</summary>
    public IReadOnlyList<byte[]>? RawJson { get; } = rawJson;

    public Task<(IReadOnlyList<EventResult>? Results, EngineError? Error)> Task => done.Task;

    public override void Run(EngineLoop loop) => (results, error) = loop.Ingest(this);

    public override bool TryRunAhead(EngineLoop loop)
    {
        if (!loop.TryIngestAhead(this, out var ran, out var refused))
        {
            return false;
        }

        (results, error) = (ran, refused);
        return true;
    }

    public override void Complete() => done.TrySetResult((results, error));

    public override void Fail(EngineError failure) => done.TrySetResult((null, failure));
}

/// <summary>The scheduler's tick: fire every deadline due by now.</summary>
internal sealed class AdvanceItem : WorkItem
{
    private readonly TaskCompletionSource<EngineError?> done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Null when the due deadlines ran and were stored; otherwise why nothing of the tick was stored.</summary>
    public Task<EngineError?> Task => done.Task;

    public override void Run(EngineLoop loop) => loop.AdvanceDue();

    public override bool TryRunAhead(EngineLoop loop)
    {
        Run(loop); // reads nothing stored
        return true;
    }

    public override void Complete() => done.TrySetResult(null);

    public override void Fail(EngineError error) => done.TrySetResult(error);
}

/// <summary>Outcomes of delivery attempts, recorded by the loop (the only writer).</summary>
internal sealed class DeliveryReportItem(IReadOnlyList<Delivery.DeliveryOutcome> outcomes) : WorkItem
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => done.Task;

    public override void Run(EngineLoop loop) => loop.RecordDeliveries(outcomes);

    public override bool TryRunAhead(EngineLoop loop)
    {
        Run(loop); // reads nothing stored
        return true;
    }

    public override void Complete() => done.TrySetResult();

    public override void Fail(EngineError error) => done.TrySetResult();
}

/// <summary>Reads consistent state on the loop thread after the group committed.</summary>
internal sealed class ReadItem<T>(Func<EngineLoop, T> read) : WorkItem
{
    private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EngineLoop? loop;

    public Task<T> Task => done.Task;

    public override void Run(EngineLoop engine) => loop = engine;

    public override void Complete()
    {
        try
        {
            done.TrySetResult(read(loop!));
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }

    public override void Fail(EngineError error) => done.TrySetException(new EngineErrorException(error));
}

/// <summary>A write that returns a value, such as a migration or a policy reload.</summary>
internal sealed class CommandItem<T>(Func<EngineLoop, T> command) : WorkItem
{
    private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? value;

    public Task<T> Task => done.Task;

    public override void Run(EngineLoop loop) => value = command(loop);

    public override void Complete() => done.TrySetResult(value!);

    public override void Fail(EngineError error) => done.TrySetException(new EngineErrorException(error));
}
