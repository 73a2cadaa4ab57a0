namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Lets a background service sleep until either a moment (on an injected <see cref="TimeProvider"/>)
/// or a wake-up, without polling. A wake-up that arrives while nobody waits is kept for the next wait.
/// A wait for a moment more than a day ahead returns after a day: callers look again and wait anew.
/// </summary>
internal sealed class WakeSignal(TimeProvider time)
{
    /// <summary>
    /// The longest single sleep. A timer takes at most about 49.7 days, and a deadline
    /// (<c>resolve within 60d</c>) or a delivery retry (<c>Engine:Delivery:MaxBackoff</c>) may lie further ahead.
    /// </summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromDays(1);

    private readonly object gate = new();
    private TaskCompletionSource signal = New();

    public void Set()
    {
        lock (gate)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Forgets a wake-up kept for the next wait: what it asked for has been seen to since it came.</summary>
    public void Clear()
    {
        lock (gate)
        {
            if (signal.Task.IsCompleted)
            {
                signal = New();
            }
        }
    }

    /// <summary>Waits for a wake-up, or until <paramref name="delay"/> has passed (null: no limit).</summary>
    public Task WaitAsync(TimeSpan? delay, CancellationToken cancellation) =>
        WaitUntilAsync(delay is { } d ? time.GetUtcNow().ToUnixTimeMilliseconds() + (long)d.TotalMilliseconds : null, cancellation);

    /// <summary>Waits for a wake-up, or until the clock reaches <paramref name="untilMs"/> (Unix ms; null: no limit), or a day at most.</summary>
    public async Task WaitUntilAsync(long? untilMs, CancellationToken cancellation)
    {
        Task woken;
        lock (gate)
        {
            woken = signal.Task;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task sleeping;
        if (untilMs is { } until)
        {
            // Arm the timer first, then look at the clock: a clock that moved between computing the
            // delay and arming the timer is seen here, and one that moves later fires the timer.
            var delay = until - time.GetUtcNow().ToUnixTimeMilliseconds();
            sleeping = delay <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(Math.Min(delay, (long)LongestSleep.TotalMilliseconds)), time, stop.Token);
            if (time.GetUtcNow().ToUnixTimeMilliseconds() >= until)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                Reset(woken);
                return;
            }
        }
        else
        {
            sleeping = Task.Delay(Timeout.Infinite, stop.Token);
        }

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
