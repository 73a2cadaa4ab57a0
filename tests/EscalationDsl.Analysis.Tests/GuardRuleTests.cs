namespace EscalationDsl.Analysis.Tests;

public sealed class GuardRuleTests
{
    private const string TwoSeverities = """
        fields {
            issue_type enum [auth_failure, other]
            request_id text
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }

        """;

    private const string Escalating = """
        escalation main for sev1, sev2 {
            owner desk
            after 15m unless acknowledged: escalate to next
        }

        """;

    [Fact]
    public void PolicyWideGuardThatCoversTheTopSeverityIsReported()
    {
        var text = Policies.Header + TwoSeverities + Escalating + """
            require request_id before escalate when issue_type == auth_failure
            """;

        LintHarness.Findings(text, "ESL016").ShouldBe(["warning 16:1-16:67"]);
        LintHarness.Message(text, "ESL016").ShouldContain("while request_id is missing, a sev1 is not escalated while `issue_type == auth_failure` holds.");
    }

    [Fact]
    public void TheArticleFollowsTheSeverityName()
    {
        // "a urgent is not escalated at all".
        var text = Policies.Header + TwoSeverities.Replace("sev1", "urgent", StringComparison.Ordinal) + Escalating.Replace("sev1", "urgent", StringComparison.Ordinal) + """
            require request_id before escalate
            """;

        LintHarness.Message(text, "ESL016").ShouldContain("while request_id is missing, an urgent is not escalated at all");
    }

    [Fact]
    public void GuardInsideARuleForTheTopSeverityIsReported()
    {
        LintHarness.Findings(Policies.Header + TwoSeverities + """
            escalation main for sev1, sev2 {
                owner desk
                require request_id before escalate
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL016").ShouldBe(["warning 14:5-14:39"]);
    }

    [Theory]
    [InlineData("require request_id before escalate when severity != sev1")]
    [InlineData("require request_id before escalate when severity < sev1")]
    [InlineData("require request_id before escalate when severity in [sev2]")]
    public void GuardThatExemptsTheTopSeverityIsNotReported(string guard)
    {
        LintHarness.Findings(Policies.Header + TwoSeverities + Escalating + guard + "\n", "ESL016").ShouldBeEmpty();
    }

    [Fact]
    public void GuardIsHarmlessWhenNothingEscalatesTheTopSeverity()
    {
        LintHarness.Findings(Policies.Header + TwoSeverities + """
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead
            }
            escalation minor for sev2 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            require request_id before escalate
            """, "ESL016").ShouldBeEmpty();
    }
}
