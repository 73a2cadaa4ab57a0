using EscalationDsl.Engine.Policies;
using Microsoft.Extensions.Time.Testing;

namespace EscalationDsl.Engine.Tests;

/// <summary>The policy watcher reloads once a folder's changes have settled, not a fixed time after the first.</summary>
public sealed class QuietPeriodTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task TheWaitEndsAQuietPeriodAfterTheLastChangeNotTheFirst()
    {
        // The watcher waited 250 ms after the first change: a file written in steps over a longer
        // time was reloaded half-written and refused.
        var time = new FakeTimeProvider(EngineFixture.Start);
        var settled = new QuietPeriod(time, Quiet);
        settled.Changed();
        var waiting = settled.WaitAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMilliseconds(200));
        settled.Changed();
        time.Advance(TimeSpan.FromMilliseconds(200));
        await Task.Delay(50);
        waiting.IsCompleted.ShouldBeFalse("400 ms after the first change, but only 200 ms after the last");

        time.Advance(TimeSpan.FromMilliseconds(50));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AfterAQuietPeriodTheWaitEndsAtOnce()
    {
        var time = new FakeTimeProvider(EngineFixture.Start);
        var settled = new QuietPeriod(time, Quiet);
        settled.Changed();
        time.Advance(TimeSpan.FromSeconds(1));

        await settled.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }
}
