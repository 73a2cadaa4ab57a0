using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// The state marks a pending step that its due time would skip if no event came before then (the trainer's
/// F12: `after 15m unless acknowledged` listed as a live threat on an acknowledged ticket). Each case is
/// computed by hand from the policy below, then checked against what the runtime does when the step falls due.
/// </summary>
public sealed class PendingStepSkipTests
{
    // Rule r starts at creation (+0m): #0 falls due at +15m, #1 ticks at +30m, +1h, ..., #2 at +1h.
    private const string Rules = """
        escalation r for sev1 {
            after 15m unless acknowledged: notify lead
            every 30m while not acknowledged: page oncall
            after 1h unless root_cause: notify director
        }
        """;

    [Fact]
    public void APendingStepWhoseUnlessHoldsSaysItsDueTimeSkipsIt()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules)));
        script.Run("+0m created sev1; +5m acknowledged; +10m advance");

        SkipReasons(script).ShouldBe([
            "r #0 +15m `acknowledged` holds",
            "r #1 +30m `not acknowledged` does not hold",
            "r #2 +1h -",
        ]);

        // And so it is when due: #0 is skipped at +15m, #1's tick at +30m too (it parks).
        script.Run("+31m advance");
        script.Trace.Entries.Select(e => e.Text).ShouldContain("r #0 (after 15m unless acknowledged): skipped, `unless` holds");
        script.Trace.Entries.ShouldContain(e => e.Text.StartsWith("r #1 (every 30m while not acknowledged): skipped, `while` does not hold", StringComparison.Ordinal));
        script.Lines().ShouldBeEmpty();
    }

    [Fact]
    public void APendingStepWhoseUnlessDoesNotHoldIsNotMarked()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules)));
        script.Run("+0m created sev1; +10m advance");

        SkipReasons(script).ShouldBe(["r #0 +15m -", "r #1 +30m -", "r #2 +1h -"]);

        script.Run("+15m advance");
        script.Lines().ShouldBe(["+15m notify lead"]);
    }

    [Fact]
    public void AfterAReopenTheRestartedStepsWhoseUnlessStillHoldsAreMarked()
    {
        // The trainer's s4: the reopen starts every rule again from +40m, and the acknowledgement stays.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules)));
        script.Run("+0m created sev1; +5m acknowledged; +20m resolved; +40m reopened");

        SkipReasons(script).ShouldBe([
            "r #0 +55m `acknowledged` holds",
            "r #1 +1h10m `not acknowledged` does not hold",
            "r #2 +1h40m -",
        ]);

        script.Run("+56m advance");
        script.Trace.Entries.Where(e => e.At > script.At("+40m")).Select(e => e.Text).ShouldContain("r #0 (after 15m unless acknowledged): skipped, `unless` holds");
        script.Lines().ShouldBeEmpty();
    }

    [Fact]
    public void AnEveryStepWhoseWhileHoldsIsNotMarked()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { every 30m while confirmed: notify lead }")));
        script.Run("+0m created sev1 confirmed=true; +10m advance");
        SkipReasons(script).ShouldBe(["r #0 +30m -"]);

        script.Run("+20m field_set confirmed=false");
        SkipReasons(script).ShouldBe(["r #0 +30m `confirmed` does not hold"]);
    }

    [Fact]
    public void ATimeDependentConditionIsReadAtTheStepsDueTime()
    {
        // Acknowledged at +5m: `acknowledged older than 20m` holds from +25m on, so at the step's +1h, with no event in between.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 1h unless acknowledged older than 20m: notify lead }")));
        script.Run("+0m created sev1; +5m acknowledged; +6m advance");
        SkipReasons(script).ShouldBe(["r #0 +1h `acknowledged older than 20m` holds"]);

        script.Run("+25m advance");
        SkipReasons(script).ShouldBe(["r #0 +1h `acknowledged older than 20m` holds"]);
    }

    /// <summary>The pending steps as <c>name due reason</c>, <c>-</c> for none.</summary>
    private static List<string> SkipReasons(TicketScript script) =>
        [.. script.Snapshot.Clocks.Where(c => c.Step is not null).Select(c => $"{c.Name} {script.Offset(c.Due!.Value)} {c.SkipReason ?? "-"}")];
}
