namespace EscalationDsl.Analysis.Tests;

public sealed class MatrixRuleTests
{
    [Fact]
    public void IssueTypeThatNoRuleCoversIsAHole()
    {
        var text = Policies.Header + """
            fields { issue_type enum [network, database] }
            severity sev1 { acknowledge within 15m }
            escalation db for sev1 when issue_type == database {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """;

        LintHarness.Findings(text, "ESL003").ShouldBe(["warning 7:10-7:14"]);
        LintHarness.Message(text, "ESL003").ShouldStartWith("No escalation rule with steps applies to sev1 tickets with issue_type network:");
    }

    [Fact]
    public void ComplementaryIssueTypeRulesLeaveNoHole()
    {
        LintHarness.Findings(Policies.Header + """
            fields { issue_type enum [network, database] }
            severity sev1 { acknowledge within 15m }
            escalation db for sev1 when issue_type == database {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            escalation rest for sev1 when issue_type != database {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL003").ShouldBeEmpty();
    }

    [Fact]
    public void RuleThatDependsOnOtherFieldsCountsAsCovering()
    {
        LintHarness.Findings(Policies.Header + """
            fields { impact enum [production, minor] }
            severity sev1 { acknowledge within 15m }
            escalation prod for sev1 when impact == production {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL003").ShouldBeEmpty();
    }

    [Fact]
    public void SeveritiesCompareByRankWhenLookingForHoles()
    {
        // `severity >= sev2` holds for sev1 and sev2, never for sev3.
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            severity sev2 { acknowledge within 1h }
            severity sev3 { acknowledge within 4h }
            escalation main for any when severity >= sev2 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL003").ShouldBe(["warning 8:10-8:14"]);
    }

    [Fact]
    public void SeverityThatNothingSelectsOrNamesIsUnusedNotAHole()
    {
        var result = LintHarness.Lint(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            severity sev2 { acknowledge within 1h }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """);

        LintHarness.Describe(result, "ESL020").ShouldBe(["warning 7:10-7:14"]);
        LintHarness.Describe(result, "ESL003").ShouldBeEmpty();
    }

    [Fact]
    public void SeverityNamedInAConditionIsNotUnused()
    {
        var result = LintHarness.Lint(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            severity sev2 { acknowledge within 1h }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            page only when severity == sev2
            """);

        LintHarness.Describe(result, "ESL020").ShouldBeEmpty();
        LintHarness.Describe(result, "ESL003").ShouldBe(["warning 7:10-7:14"]);
    }

    [Fact]
    public void RulesWithDifferentOwnersForTheSameTicketsAreAmbiguous()
    {
        var text = Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation a for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead
            }
            escalation b for sev1 {
                owner lead
                after 15m unless acknowledged: notify desk
            }
            """;

        LintHarness.Findings(text, "ESL004").ShouldBe(["warning 11:12-11:13"]);
        LintHarness.Message(text, "ESL004").ShouldContain("they start with different owners (desk, lead)");
    }

    // Two rules without a `when` share every issue type: naming the first one (hardware) would send the reader to narrow the wrong thing.
    [Theory]
    [InlineData("hardware, access", "any", "p1", "all p1 tickets")]
    [InlineData("hardware, access, network", "any when issue_type != network", "any", "p1 and p2 tickets with issue_type hardware or access")]
    public void OverlapNamesAnIssueTypeOnlyWhereAConditionNarrowsIt(string issueTypes, string triageFor, string outageFor, string tickets)
    {
        var text = Policies.Header + $$"""
            fields { issue_type enum [{{issueTypes}}] }
            severity p1 { acknowledge within 15m }
            severity p2 { acknowledge within 1h }
            escalation triage for {{triageFor}} {
                owner desk
                after 15m unless acknowledged: notify lead
            }
            escalation outage for {{outageFor}} {
                owner lead
                after 15m unless acknowledged: notify desk
            }
            """;

        LintHarness.Message(text, "ESL004").ShouldStartWith($"Rules 'triage' (line 9) and 'outage' both apply to {tickets}, and they start with different owners (desk, lead)");
    }

    [Fact]
    public void RulesForAnySeverityOverlapOnAllTickets()
    {
        var text = Policies.Header + """
            fields { issue_type enum [hardware, access] }
            severity p1 { acknowledge within 15m }
            severity p2 { acknowledge within 1h }
            escalation triage for any {
                after 15m unless acknowledged: escalate to next
            }
            escalation outage for p2, p1 {
                after 30m unless acknowledged: escalate to lead
            }
            """;

        LintHarness.Message(text, "ESL004").ShouldContain("both apply to all tickets, and both escalate on a timer");
    }

    [Fact]
    public void RulesWithTheSameConditionAndBothEscalatingAreAmbiguous()
    {
        LintHarness.Findings(Policies.Header + """
            fields { vip flag }
            severity sev1 { acknowledge within 15m }
            escalation a for sev1 when vip {
                after 15m unless acknowledged: escalate to lead
            }
            escalation b for sev1 when vip {
                after 30m unless acknowledged: escalate to desk
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead
            }
            """, "ESL004").ShouldBe(["warning 11:12-11:13"]);
    }

    [Fact]
    public void EscalationOnAnEventIsAReactionNotACompetingChain()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                after 15m unless acknowledged: escalate to next
            }
            escalation workaround for any {
                on workaround_failed: escalate to lead
            }
            """, "ESL004").ShouldBeEmpty();
    }

    [Fact]
    public void RulesThatMayNotOverlapAreNotAmbiguous()
    {
        LintHarness.Findings(Policies.Header + """
            fields { impact enum [production, minor] }
            severity sev1 { acknowledge within 15m }
            escalation a for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead
            }
            escalation b for sev1 when impact == production {
                owner lead
                after 15m unless acknowledged: notify desk
            }
            """, "ESL004").ShouldBeEmpty();
    }
}
