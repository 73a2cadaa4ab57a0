using EscalationDsl.Engine.Processing;
using Microsoft.Extensions.Time.Testing;

namespace EscalationDsl.Engine.Tests;

/// <summary>The scheduler and the dispatcher sleep on a WakeSignal until a moment that may be months away.</summary>
public sealed class WakeSignalTests
{
    [Fact]
    public async Task AWaitForAMomentMonthsAheadSleepsUntilItInsteadOfThrowing()
    {
        // A timer takes at most about 49.7 days; a deadline of `resolve within 60d` lies beyond.
        var time = new FakeTimeProvider(EngineFixture.Start);
        var wake = new WakeSignal(time);
        var until = time.GetUtcNow().AddDays(60).ToUnixTimeMilliseconds();

        var waiting = Task.Run(async () =>
        {
            while (time.GetUtcNow().ToUnixTimeMilliseconds() < until)
            {
                await wake.WaitUntilAsync(until, CancellationToken.None);
            }
        });
        await Task.Delay(100);
        waiting.IsFaulted.ShouldBeFalse(waiting.Exception?.GetBaseException().Message);

        time.Advance(TimeSpan.FromDays(60));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AWakeUpKeptForTheNextWaitIsForgottenByClearAndOneAfterItIsKept()
    {
        var time = new FakeTimeProvider(EngineFixture.Start);
        var wake = new WakeSignal(time);
        wake.Set();
        wake.Clear();

        var waiting = wake.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        await Task.Delay(100);
        waiting.IsCompleted.ShouldBeFalse("the wake-up was forgotten");
        wake.Set();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        wake.Set();
        await wake.WaitAsync(TimeSpan.FromMinutes(1), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
