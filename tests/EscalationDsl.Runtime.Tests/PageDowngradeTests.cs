using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>A page sent as a notification says why on its decision, so a report counts it without reading the text.</summary>
public sealed class PageDowngradeTests
{
    private static List<string> Downgrades(TicketScript s) =>
        [.. s.Decisions.Select(d => $"{s.Offset(d.At)} {DecisionKinds.Name(d.Kind)} {d.Owner} {d.Downgrade} {d.PageGuard}: {d.Detail}")];

    private static TicketScript Run(string body, string script) =>
        new TicketScript(TicketScript.Compile(PolicyText.With(body))).Run(script);

    [Fact]
    public void APageDowngradedByAPolicyWidePageGuardNamesThatGuard()
    {
        var s = Run(
            """
            page only when confirmed
            page only when severity == sev1
            escalation a for sev1 {
                after 10m: page oncall
                after 20m: notify lead
                after 30m: page oncall
            }
            """,
            "+0m created sev1; +25m flagged confirmed; +1h advance");

        Downgrades(s).ShouldBe([
            "+10m notify oncall PolicyGuard 0: page sent as a notification: page only when confirmed does not hold",
            "+20m notify lead None -1: notification",
            "+30m page oncall None -1: page",
        ]);
    }

    [Fact]
    public void APageDowngradedByARulesOwnGuardOrStoppedPagingSaysSo()
    {
        var s = Run(
            """
            escalation a for sev1 {
                page only when confirmed
                after 10m: page oncall
            }
            escalation b for sev1 { every 30m: page network }
            deescalate when mitigation_status == contained { stop paging }
            """,
            "+0m created sev1; +40m mitigation contained; +1h advance");

        Downgrades(s).ShouldBe([
            "+10m notify oncall RuleGuard 0: page sent as a notification: the rule's `page only when` does not hold",
            "+30m page network None -1: page",
            "+40m stop_paging  None -1: paging stopped",
            "+1h notify network PagingStopped -1: page sent as a notification: paging was stopped",
        ]);
    }
}
