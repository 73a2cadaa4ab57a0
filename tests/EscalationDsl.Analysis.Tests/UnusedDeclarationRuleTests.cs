namespace EscalationDsl.Analysis.Tests;

public sealed class UnusedDeclarationRuleTests
{
    private const string Used = Policies.OneRule;

    [Fact]
    public void OwnerNothingRefersToIsInfo()
    {
        LintHarness.Findings(Policies.Header + Used + """
            owners { person sam "Sam" }
            """, "ESL017").ShouldBe(["info 11:17-11:20"]);
    }

    [Fact]
    public void OwnerUsedOnlyInAConditionIsUsed()
    {
        LintHarness.Findings(Policies.Header + Used + """
            owners { person sam "Sam" }
            page only when owner == sam
            """, "ESL017").ShouldBeEmpty();
    }

    [Fact]
    public void CalendarNothingUsesIsReported()
    {
        LintHarness.Findings(Policies.Header + Used + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            """, "ESL018").ShouldBe(["warning 11:10-11:16"]);
    }

    [Fact]
    public void CalendarUsedByDuringIsUsed()
    {
        LintHarness.Findings(Policies.Header + Used + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            escalation night for sev1 when not during office { after 5m unless acknowledged: notify lead }
            """, "ESL018").ShouldBeEmpty();
    }

    [Fact]
    public void FieldNothingReadsIsInfo()
    {
        LintHarness.Findings(Policies.Header + Used + """
            fields {
                vip flag
                root_cause text
            }
            page only when vip
            """, "ESL019").ShouldBe(["info 13:5-13:15"]);
    }

    [Fact]
    public void RedeclaredBuiltInFieldsAreNotReported()
    {
        LintHarness.Findings(Policies.Header + Used + """
            fields {
                issue_type enum [network, other]
                status enum [new, awaiting_customer]
            }
            """, "ESL019").ShouldBeEmpty();
    }

    [Fact]
    public void RouteNoActionUsesIsReported()
    {
        LintHarness.Findings(Policies.Header + Used + """
            fields { issue_type enum [network, other] }
            route issue_type { default -> lead }
            """, "ESL021").ShouldBe(["warning 12:1-12:17"]);
    }

    [Fact]
    public void RouteUsedInANotificationIsUsed()
    {
        LintHarness.Findings(Policies.Header + Used + """
            fields { issue_type enum [network, other] }
            route issue_type { default -> lead }
            escalation fyi for sev1 { on workaround_failed: notify route(issue_type) }
            """, "ESL021").ShouldBeEmpty();
    }

    [Fact]
    public void BusinessTimeOnACalendarWithoutHolidaysIsInfo()
    {
        var text = Policies.Header + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 }
            severity sev3 { acknowledge within 4 business hours }
            escalation main for sev3 {
                owner desk
                after 2 business hours unless acknowledged: escalate to next
            }
            """;

        LintHarness.Findings(text, "ESL022").ShouldBe(["info 6:10-6:16"]);
        LintHarness.Message(text, "ESL022").ShouldContain("('4 business hours' on line 7)");
    }

    [Fact]
    public void CalendarWithHolidaysOrOnlyUsedByDuringIsNotReported()
    {
        LintHarness.Findings(Policies.Header + """
            calendar office "UTC" { hours mon..fri 09:00-17:00 holiday 2026-12-25 }
            calendar night "UTC" { hours mon..sun 00:00-06:00 }
            severity sev3 { acknowledge within 4 business hours on office }
            escalation main for sev3 when not during night {
                owner desk
                after 2 business hours on office unless acknowledged: escalate to next
            }
            """, "ESL022").ShouldBeEmpty();
    }
}
