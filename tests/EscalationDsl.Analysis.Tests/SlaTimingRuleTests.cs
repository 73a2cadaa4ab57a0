namespace EscalationDsl.Analysis.Tests;

public sealed class SlaTimingRuleTests
{
    [Fact]
    public void StepAfterTheAcknowledgeTargetItWaitsForIsReported()
    {
        var findings = LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 45m unless acknowledged: escalate to next
            }
            """, "ESL001");

        findings.ShouldBe(["warning 9:11-9:14"]);
    }

    [Fact]
    public void StepAtTheAcknowledgeTargetIsNotReported()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 { acknowledge within 15m }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL001").ShouldBeEmpty();
    }

    [Fact]
    public void BusinessTimeIsNeverShorterThanTheSameWallClockTime()
    {
        var text = Policies.Header + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            severity sev3 { acknowledge within 1h }
            escalation main for sev3 {
                owner desk
                after 2 business hours unless acknowledged: escalate to next
            }
            """;

        LintHarness.Findings(text, "ESL001").ShouldBe(["warning 10:11-10:27"]);
        LintHarness.Message(text, "ESL001").ShouldContain("sev3 within 1h");
    }

    [Fact]
    public void WallClockStepAgainstABusinessTargetIsNotCompared()
    {
        // 30m of wall-clock time may well come after 15 business minutes (overnight), or not: unknown.
        LintHarness.Findings(Policies.Header + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            severity sev3 { acknowledge within 15 business minutes }
            escalation main for sev3 {
                owner desk
                after 30m unless acknowledged: escalate to next
            }
            """, "ESL001").ShouldBeEmpty();
    }

    [Fact]
    public void BusinessDaysCompareWithBusinessHoursOnTheSameCalendar()
    {
        // One business day here is at least 8 hours (the hours end before 23:00, so no DST allowance).
        LintHarness.Findings(Policies.Header + """
            calendar office "Europe/London" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            severity sev3 { resolve within 4 business hours }
            escalation main for sev3 {
                owner desk
                after 1 business day unless resolved: escalate to next
            }
            """, "ESL001").ShouldBe(["warning 10:11-10:25"]);
    }

    [Fact]
    public void StepAfterTheResolveTargetIsReported()
    {
        var text = Policies.Header + """
            severity sev1 {
                acknowledge within 15m
                resolve within 4h
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
                after 5h: notify lead
            }
            """;

        LintHarness.Findings(text, "ESL002").ShouldBe(["warning 13:11-13:13"]);
        LintHarness.Message(text, "ESL002").ShouldContain("sev1 resolve within 4h");
    }

    [Fact]
    public void StepBeforeTheResolveTargetIsNotReported()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 {
                acknowledge within 15m
                resolve within 4h
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
                after 3h unless resolved: notify lead
            }
            """, "ESL002").ShouldBeEmpty();
    }

    [Fact]
    public void StepWaitingForResolutionAfterTheResolveTargetIsEsl001NotEsl002()
    {
        var result = LintHarness.Lint(Policies.Header + """
            severity sev1 { resolve within 4h }
            escalation main for sev1 {
                owner desk
                after 5h unless resolved: escalate to next
            }
            """);

        LintHarness.Describe(result, "ESL001").ShouldBe(["warning 9:11-9:13"]);
        LintHarness.Describe(result, "ESL002").ShouldBeEmpty();
    }

    [Fact]
    public void UpdateCadenceLongerThanTheFirstUpdateTargetIsReported()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 {
                first_update within 30m
                update every 1h until contained
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL015").ShouldBe(["info 8:18-8:20"]);
    }

    [Fact]
    public void UpdateCadenceWithinTheFirstUpdateTargetIsNotReported()
    {
        LintHarness.Findings(Policies.Header + """
            severity sev1 {
                first_update within 30m
                update every 30m until contained
            }
            escalation main for sev1 {
                owner desk
                after 15m unless acknowledged: escalate to next
            }
            """, "ESL015").ShouldBeEmpty();
    }
}
