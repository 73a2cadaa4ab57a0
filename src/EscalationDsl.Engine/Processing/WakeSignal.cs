namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Lets a background service sleep until either a moment (on an injected <see cref="TimeProvider"/>)
/// or a wake-up, without polling. A wake-up that arrives while nobody waits is kept for the next wait.
/// </summary>
internal sealed class WakeSignal(TimeProvider time)
{
    private readonly object gate = new();
    private TaskCompletionSource signal = New();

    public void Set()
    {
        lock (gate)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Waits for a wake-up, or until <paramref name="delay"/> has passed (null: no limit).</summary>
    public async Task WaitAsync(TimeSpan? delay, CancellationToken cancellation)
    {
        Task woken;
        lock (gate)
        {
            woken = signal.Task;
        }

        if (delay is { } d && d <= TimeSpan.Zero)
        {
            Reset(woken);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var sleeping = delay is { } limit ? Task.Delay(limit, time, stop.Token) : Task.Delay(Timeout.Infinite, stop.Token);
        var first = await Task.WhenAny(woken, sleeping).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellation.ThrowIfCancellationRequested();
        if (first == woken)
        {
            Reset(woken);
        }
    }

    private void Reset(Task observed)
    {
        lock (gate)
        {
            if (signal.Task == observed && observed.IsCompleted)
            {
                signal = New();
            }
        }
    }

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
