using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>A ticket counts time in seconds since its creation: a deadline beyond that range (about 68 years) never comes.</summary>
public sealed class TicketRangeTests
{
    [Fact(Timeout = 20000)]
    public async Task AConditionThatWouldChangeMoreThan68YearsOnIsNotWaitedFor()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(
            "escalation late for sev1 when next_update older than 1h { immediately: notify lead }", null)));

        var run = Task.Run(() => script.Run("+0m created sev1 next_update=2150-01-01T00:00:00Z; +25600d advance"));

        (await Task.WhenAny(run, Task.Delay(15000))).ShouldBe(run, "advancing the ticket did not return within 15 s");
        await run;
        script.Lines().ShouldBeEmpty();
        script.ClockLines().ShouldNotContain(c => c.StartsWith("time-dependent", StringComparison.Ordinal));
    }
}
