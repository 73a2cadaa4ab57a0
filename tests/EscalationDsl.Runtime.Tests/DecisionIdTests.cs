using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>Decision ids: the formats of docs/runtime.md ("Decision ids") and uniqueness within a ticket.</summary>
public sealed class DecisionIdTests
{
    private static List<string> Ids(TicketScript s) => [.. s.Decisions.Select(d => $"{s.Offset(d.At)} {d.Id}")];

    private static TicketScript Run(string body, string script, string? severities = null, string id = "T1") =>
        new TicketScript(TicketScript.Compile(PolicyText.With(body, severities)), id: id).Run(script);

    [Fact]
    public void StepActionIdsNameRuleStepOccurrenceActionAndTarget()
    {
        var s = Run(
            """
            escalation r for sev1 {
                after 15m unless acknowledged: notify lead, director, page oncall
                every 10m up to 2 times: remind lead
            }
            """,
            "+0m created sev1; +1h advance");

        Ids(s).ShouldBe([
            "+10m T1/r/1/1/0",
            "+15m T1/r/0/1/0.0",
            "+15m T1/r/0/1/0.1",
            "+15m T1/r/0/1/1.0",
            "+20m T1/r/1/2/0",
        ]);
        var page = s.Decisions[3];
        (page.Kind, page.Owner, page.Rule, page.Step, page.Occurrence, page.Level).ShouldBe((DecisionKind.Page, "oncall", "r", 0, 1, 0));
    }

    [Fact]
    public void TheDocumentedExampleIdsComeOutOfTheShippedPolicy()
    {
        var s = new TicketScript(TicketScript.Shipped("support"), id: "INC1");
        s.Created("+0m", "sev1", "network_outage", ("impact", "production"), ("impact_confirmed", "true"));
        s.AdvanceTo("+16m");

        Ids(s).ShouldBe([
            "+15m INC1/sev1_production/0/1/0.0",
            "+15m INC1/sev1_production/0/1/1.0",
            "+15m INC1/sla/acknowledge/0",
        ]);
    }

    [Fact]
    public void BlockedEscalationIdEndsInMissingAndTheLaterEscalationKeepsItsOccurrence()
    {
        var s = Run(
            "require request_id, client_version before escalate\nescalation r for sev1 { after 10m: notify lead, escalate to backend }",
            "+0m created sev1; +20m field_set request_id=r-1 client_version=2.1");

        Ids(s).ShouldBe(["+10m T1/r/0/1/missing", "+10m T1/r/0/1/0.0", "+20m T1/r/0/1/1"]);
        s.Decisions[0].Kind.ShouldBe(DecisionKind.MissingInformation);
        s.Decisions[0].Fields.ShouldBe(["request_id", "client_version"]);
        s.Decisions[2].Level.ShouldBe(1);
    }

    [Fact]
    public void RequireActionNamesTheFieldsItAsksFor()
    {
        var s = Run("escalation r for sev1 { after 10m: require root_cause, request_id }", "+0m created sev1 owner=frontline; +1h advance");

        s.Decisions.ShouldHaveSingleItem().Fields.ShouldBe(["root_cause", "request_id"]);
        s.Decisions[0].Id.ShouldBe("T1/r/0/1/0");
    }

    [Fact]
    public void SlaBreachAndMissedUpdateIdsNameComponentCycleAndInterval()
    {
        var s = Run("", "+0m created sev1; +5m first_update; +1h10m advance", "severity sev1 { acknowledge within 15m\n update every 30m }\n");

        Ids(s).ShouldBe(["+15m T1/sla/acknowledge/0", "+35m T1/sla/update/0.1", "+1h5m T1/sla/update/0.2"]);
        s.Decisions.Select(d => d.Component).ShouldBe([Language.Semantics.SlaComponent.Acknowledge, Language.Semantics.SlaComponent.Update, Language.Semantics.SlaComponent.Update]);
    }

    [Fact]
    public void DeescalationIdsNameIndexOccurrenceActionAndTarget()
    {
        var s = Run(
            """
            escalation r for sev1 { immediately: page oncall }
            deescalate when confirmed { notify lead, director }
            deescalate when mitigation_status == contained {
                stop paging
                enter monitor
            }
            """,
            "+0m created sev1; +5m field_set confirmed=true; +10m mitigation contained; +15m field_set confirmed=false; +20m field_set confirmed=true");

        Ids(s).ShouldBe([
            "+0m T1/r/0/1/0.0",
            "+5m T1/deescalate/0/1/0.0",
            "+5m T1/deescalate/0/1/0.1",
            "+10m T1/deescalate/1/1/0",
            "+10m T1/deescalate/1/1/1",
            "+20m T1/deescalate/0/2/0.0",
            "+20m T1/deescalate/0/2/0.1",
        ]);
    }

    [Fact]
    public void IdsStayUniqueAcrossReopensAndASeverityFlipFlop()
    {
        var s = Run(
            """
            escalation hot for sev1 {
                immediately: page oncall
                every 20m: notify lead
                after 30m: escalate to lead
            }
            escalation watch for any { on severity_changed: notify director }
            deescalate when mitigation_status == contained { stop paging }
            """,
            """
            +0m created sev1
            +5m customer_update
            +25m severity_changed sev2
            +35m severity_changed sev1
            +45m severity_changed sev2
            +50m severity_changed sev1
            +55m mitigation contained
            +1h resolved
            +1h10m reopened
            +2h severity_changed sev2
            +2h5m severity_changed sev1
            +2h20m resolved
            +2h30m reopened
            +5h advance
            """,
            "severity sev1 { acknowledge within 15m\n mitigate within 1h\n update every 30m }\nseverity sev2 { acknowledge within 1h\n mitigate within 2h }\n");

        var ids = s.Decisions.Select(d => d.Id).ToList();
        ids.Count.ShouldBeGreaterThan(20);
        ids.Distinct().Count().ShouldBe(ids.Count, string.Join("\n", ids));

        // The immediate page: one occurrence per (re)start of the sev1 rule, never reused.
        Ids(s).Where(l => l.Contains("/hot/0/", StringComparison.Ordinal)).ShouldBe([
            "+0m T1/hot/0/1/0.0",
            "+35m T1/hot/0/2/0.0",
            "+50m T1/hot/0/3/0.0",
            "+1h10m T1/hot/0/4/0.0",
            "+2h5m T1/hot/0/5/0.0",
            "+2h30m T1/hot/0/6/0.0",
        ]);

        // Mitigate breaches: one per cycle (the first cycle met it by the mitigation at +55m).
        Ids(s).Where(l => l.Contains("/sla/mitigate/", StringComparison.Ordinal)).ShouldBe([
            "+2h10m T1/sla/mitigate/1",
            "+3h30m T1/sla/mitigate/2",
        ]);
    }
}
