namespace EscalationDsl.Analysis.Tests;

public sealed class StepRuleTests
{
    [Fact]
    public void SameTriggerTwiceInARuleIsReportedOnTheSecond()
    {
        // `15 minutes` and `15m` are the same duration.
        var text = Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: notify lead
                after 15 minutes unless acknowledged: escalate to next
            }
            """;

        LintHarness.Findings(text, "ESL005").ShouldBe(["warning 10:5-10:41"]);
        LintHarness.Message(text, "ESL005").ShouldContain("(line 9)");
    }

    [Fact]
    public void DifferentDelaysAreNotDuplicates()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 10m unless acknowledged: notify lead
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL005").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("on resolved: notify lead", "9:5-9:16")]
    [InlineData("on closed: notify lead", "9:5-9:14")]
    [InlineData("on acknowledged when not acknowledged: notify lead", "9:5-9:42")]
    [InlineData("on customer_update when not first_update: notify lead", "9:5-9:45")]
    [InlineData("after 10m unless severity == sev3: notify lead", "9:5-9:38")]
    [InlineData("every 10m while severity == sev1: notify lead", "9:5-9:37")]
    [InlineData("on severity_raised: notify lead", "9:5-9:23")]
    [InlineData("on severity_changed when severity != sev3: notify lead", "9:5-9:46")]
    public void StepThatCanNeverFireIsReported(string step, string span)
    {
        LintHarness.Findings(Policies.Header + $$"""
            severity sev1 { acknowledge within 15m }
            severity sev3 { acknowledge within 4h }
            escalation minor for sev3 {
                {{step}}
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL006").ShouldBe([$"warning {span}"]);
    }

    [Theory]
    [InlineData("on severity_lowered: notify lead")]
    [InlineData("on acknowledged when severity == sev3: notify lead")]
    [InlineData("on workaround_failed when not acknowledged: notify lead")]
    [InlineData("after 10m unless acknowledged: notify lead")]
    [InlineData("every 10m while not acknowledged up to 3 times: notify lead")]
    public void StepThatMayFireIsNotReported(string step)
    {
        LintHarness.Findings(Policies.Header + $$"""
            severity sev1 { acknowledge within 15m }
            severity sev3 { acknowledge within 4h }
            escalation minor for sev3 {
                {{step}}
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL006").ShouldBeEmpty();
    }

    [Fact]
    public void RuleWhoseConditionExcludesItsSeveritiesCanNeverApply()
    {
        // ESL029 reports the contradiction with the `for` list where it can judge the condition: not
        // past 64 alternatives (each `(x or y)` doubles them).
        var alternatives = string.Concat(Enumerable.Range(1, 7).Select(i => $" and (status == s{i} or issue_type == t{i})"));
        LintHarness.Findings(Policies.Header + $$"""
            severity sev1 { acknowledge within 15m }
            severity sev2 { acknowledge within 1h }
            escalation main for sev1 when severity == sev2{{alternatives}} {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            escalation rest for any {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL006").ShouldBe(["warning 8:12-8:16"]);
    }

    [Fact]
    public void RepeatWithoutCapOrWhileIsReported()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
                every 30m: remind owner
            }
            """, "ESL007").ShouldBe(["warning 10:5-10:14"]);
    }

    [Theory]
    [InlineData("every 30m while not contained: remind owner")]
    [InlineData("every 30m up to 4 times: remind owner")]
    [InlineData("every 30m since customer_update while not resolved: remind owner")]
    public void RepeatWithCapOrWhileIsNotReported(string step)
    {
        LintHarness.Findings(Policies.Header + $$"""
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
                {{step}}
            }
            """, "ESL007").ShouldBeEmpty();
    }
}
