namespace EscalationDsl.Analysis.Tests;

/// <summary>
/// ESL027: `escalate to` inside a `deescalate` block (what the runtime then does, the message says, is
/// checked in EscalationDsl.Runtime.Tests' DeescalationEscalationTests).
/// </summary>
public sealed class EscalationInDeescalationRuleTests
{
    [Fact]
    public void AnEscalationInADeescalationIsReportedAtTheAction()
    {
        var result = LintHarness.Lint(Policies.Header + Policies.OneRule + "deescalate when acknowledged {\n    stop paging\n    escalate to lead\n}\n");

        // Line 13 holds the action, from column 5 to the end of `escalate to lead`.
        LintHarness.Describe(result, "ESL027").ShouldBe(["warning 13:5-13:21"]);
    }

    [Fact]
    public void EachEscalationOfEachDeescalationIsReported()
    {
        var text = Policies.Header + Policies.OneRule
            + "deescalate when acknowledged {\n    escalate to lead\n}\n"
            + "deescalate when mitigation_status == contained {\n    escalate to next escalate to desk\n}\n";

        LintHarness.Describe(LintHarness.Lint(text), "ESL027").Count.ShouldBe(3);
    }

    [Fact]
    public void AHandOverInADeescalationAndAnEscalationInAStepAreNotReported()
    {
        // Policies.OneRule escalates in a step; `assign` hands the ticket over without escalating.
        LintHarness.Findings(Policies.Header + Policies.OneRule + "deescalate when acknowledged {\n    stop paging\n    assign desk\n}\n", "ESL027").ShouldBeEmpty();
    }
}
