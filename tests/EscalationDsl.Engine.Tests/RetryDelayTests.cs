using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Scheduling;

namespace EscalationDsl.Engine.Tests;

/// <summary>A deadline run that fails is tried again after a pause that grows, not at once in a loop.</summary>
public sealed class RetryDelayTests
{
    [Fact]
    public void WaitsDoubleFromOneSecondUpToAMinuteAndStartOverAfterASuccess()
    {
        var retry = default(RetryDelay);

        var waits = Enumerable.Range(0, 9).Select(_ => retry.Next().TotalSeconds).ToList();
        retry.Reset();

        waits.ShouldBe([1, 2, 4, 8, 16, 32, 60, 60, 60]);
        retry.Next().ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AFailedTickTellsTheSchedulerWhy()
    {
        var failed = new AdvanceItem();
        failed.Fail(new EngineError(503, "Storage failure", "The engine could not store the request; nothing was stored. Retry later."));
        (await failed.Task)!.Title.ShouldBe("Storage failure");

        var done = new AdvanceItem();
        done.Complete();
        (await done.Task).ShouldBeNull();
    }
}
