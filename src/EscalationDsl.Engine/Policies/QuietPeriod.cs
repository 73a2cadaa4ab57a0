namespace EscalationDsl.Engine.Policies;

/// <summary>
/// Waits until changes have stopped for a while: an editor or a <c>git checkout</c> may write a
/// file in several steps, and a reload between them would refuse a half-written policy.
/// </summary>
internal sealed class QuietPeriod(TimeProvider time, TimeSpan quiet)
{
    private long lastChange = time.GetTimestamp();

    /// <summary>Records a change now (any thread).</summary>
    public void Changed() => Interlocked.Exchange(ref lastChange, time.GetTimestamp());

    /// <summary>Returns once <c>quiet</c> has passed since the last change, however often changes come until then.</summary>
    public async Task WaitAsync(CancellationToken cancellation)
    {
        while (quiet - time.GetElapsedTime(Interlocked.Read(ref lastChange)) is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left, time, cancellation).ConfigureAwait(false);
        }
    }
}
