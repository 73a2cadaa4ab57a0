namespace EscalationDsl.Analysis.Tests;

public sealed class PagingRuleTests
{
    private const string Paging = """
        fields { impact_confirmed flag }
        severity sev1 { acknowledge within 15m }
        escalation main for sev1 {
            owner desk
            after 15m unless acknowledged: page lead, escalate to next
        }

        """;

    [Fact]
    public void PagingWithoutAStopPagingDeescalationIsReportedAtTheFirstPage()
    {
        LintHarness.Findings(Policies.Header + Paging + """
            page only when impact_confirmed
            """, "ESL008").ShouldBe(["warning 10:36-10:45"]);
    }

    [Fact]
    public void PagingWithAStopPagingDeescalationIsNotReported()
    {
        LintHarness.Findings(Policies.Header + Paging + """
            page only when impact_confirmed
            deescalate when mitigation_status == contained { stop paging }
            """, "ESL008").ShouldBeEmpty();
    }

    [Fact]
    public void PolicyWithoutPagesNeedsNoDeescalation()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead, escalate to next
            }
            """, "ESL008").ShouldBeEmpty();
    }

    [Fact]
    public void PageWithoutAnyPageGuardIsReported()
    {
        LintHarness.Findings(Policies.Header + Paging + """
            deescalate when mitigation_status == contained { stop paging }
            """, "ESL009").ShouldBe(["warning 10:36-10:45"]);
    }

    [Theory]
    [InlineData("", "Add `page only when CONDITION` to the rule or the policy, with a condition that holds once the impact is confirmed (a flag field the responders raise, for instance).")]
    [InlineData("fields { vip flag }\n", "Add `page only when CONDITION` to the rule or the policy, with a condition that holds once the impact is confirmed (a flag field the responders raise, for instance).")]
    [InlineData("fields { impact_confirmed flag }\n", "Add `page only when impact_confirmed` (or another impact condition) to the rule or the policy.")]
    [InlineData("fields { vip flag\n outage_confirmed flag }\n", "Add `page only when outage_confirmed` (or another impact condition) to the rule or the policy.")]
    public void SuggestedGuardIsAFlagOfThePolicyOrDescribedWithoutAName(string fields, string fix)
    {
        // Another policy's vocabulary (support.esc's impact_confirmed) is no fix for a policy without it.
        const string Paged = """
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: page lead
            }
            deescalate when mitigation_status == contained { stop paging }
            """;
        LintHarness.Message(Policies.Header + fields + "severity sev1 { acknowledge within 15m }\n" + Paged, "ESL009")
            .ShouldEndWith("so unconfirmed alerts wake people up. " + fix);
    }

    [Fact]
    public void RuleWhenWithThePolicysOwnImpactFlagAsAConjunctIsEnough()
    {
        LintHarness.Findings(Policies.Header + """
            fields { outage_confirmed flag }
            severity sev1 { acknowledge within 15m }
            escalation confirmed for sev1 when outage_confirmed {
                owner desk
                immediately: page lead
            }
            deescalate when mitigation_status == contained { stop paging }
            """, "ESL009").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("impact_confirmed")]
    [InlineData("vip and impact_confirmed")]
    [InlineData("not (not impact_confirmed or not vip)")]
    public void RuleWhenWithTheGuardAsAConjunctIsEnough(string when)
    {
        // The rule applies, and its steps fire, only while the impact is confirmed.
        PagingRuleFindings(when).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("impact_confirmed or vip")]
    [InlineData("not impact_confirmed")]
    [InlineData("vip")]
    public void RuleWhenThatCanHoldWithoutTheGuardIsNotEnough(string when)
    {
        PagingRuleFindings(when).ShouldBe(["warning 13:18-13:27"]);
    }

    [Fact]
    public void RuleLevelPageGuardIsEnough()
    {
        LintHarness.Findings(Policies.Header + """
            fields { impact_confirmed flag }
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                page only when impact_confirmed
                after 15m unless acknowledged: page lead, escalate to next
            }
            deescalate when mitigation_status == contained { stop paging }
            """, "ESL009").ShouldBeEmpty();
    }

    [Fact]
    public void SecurityRuleThatWaitsIsReported()
    {
        var text = Policies.Header + """
            fields { security_flagged flag }
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            escalation security for any when security_flagged {
                after 30m: escalate to lead
            }
            """;

        LintHarness.Findings(text, "ESL010").ShouldBe(["warning 13:5-13:14"]);
        LintHarness.Message(text, "ESL010").ShouldContain("handles security_flagged tickets but first reacts after 30m");
    }

    [Fact]
    public void ComplianceValueInTheSelectorCountsToo()
    {
        LintHarness.Findings(Policies.Header + """
            fields { category enum [outage, compliance_request] }
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            escalation audit for any when category == compliance_request {
                every 1h while not acknowledged: notify lead
            }
            """, "ESL010").ShouldBe(["warning 13:5-13:36"]);
    }

    [Theory]
    [InlineData("on reopened: notify lead")]
    [InlineData("on acknowledged: notify lead")]
    [InlineData("on created: escalate to lead")]
    public void SecurityRuleWhoseOnlyOnStepsAwaitAnotherEventIsReported(string step)
    {
        // A ticket flagged after creation, never reopened or acknowledged, waits 30m for its first reaction.
        SecurityRuleFindings($"when security_flagged {{\n    {step}\n    after 30m: escalate to lead").ShouldBe(["warning 14:5-14:14"]);
    }

    [Theory]
    [InlineData("when security_flagged {\n    immediately: escalate to lead\n    after 30m unless contained: notify lead")]
    [InlineData("when security_flagged {\n    on security_flagged: escalate to lead\n    after 30m unless contained: notify lead")]
    [InlineData("when security_flagged {\n    on flagged: escalate to lead\n    after 30m unless contained: notify lead")]
    [InlineData("when security_flagged {\n    on field_set: escalate to lead\n    after 30m unless contained: notify lead")]
    [InlineData("when not security_flagged {\n    after 30m unless acknowledged: notify lead")]
    public void SecurityRuleThatReactsAtOnceOrIsNotSecurityIsNotReported(string body)
    {
        SecurityRuleFindings(body).ShouldBeEmpty();
    }

    /// <summary>ESL010's findings for a rule `security for any` with this body (from its `when`; its first step on line 13).</summary>
    private static List<string> SecurityRuleFindings(string body) =>
        LintHarness.Findings(Policies.Header + $$"""
            fields { security_flagged flag }
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            escalation security for any {{body}}
            }
            """, "ESL010");

    /// <summary>ESL009's findings for a rule with this `when` that pages at once (the page on line 13).</summary>
    private static List<string> PagingRuleFindings(string when) =>
        LintHarness.Findings(Policies.Header + $$"""
            fields {
                impact_confirmed flag
                vip flag
            }
            severity sev1 { acknowledge within 15m }
            escalation confirmed for sev1 when {{when}} {
                owner desk
                immediately: page lead
            }
            deescalate when mitigation_status == contained { stop paging }
            """, "ESL009");
}
