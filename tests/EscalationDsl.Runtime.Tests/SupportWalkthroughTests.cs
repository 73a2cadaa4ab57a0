using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Runtime.Tests;

/// <summary>The support guide's sev1 walk-through on the shipped policies/support.esc.</summary>
public sealed class SupportWalkthroughTests
{
    private static readonly CompiledPolicy Support = TicketScript.Shipped("support");

    [Fact]
    public void Sev1ProductionTicketEscalatesAsTheGuideSays()
    {
        var s = new TicketScript(Support);
        s.Created("+0m", "sev1", "network_outage", ("impact", "production"), ("impact_confirmed", "true"));
        s.AdvanceTo("+61m");

        s.Lines().ShouldBe([
            "+15m sla_breach frontline acknowledge",
            "+15m notify commander",
            "+15m page oncall_eng",
            "+30m sla_breach frontline first_update",
            "+30m sla_breach frontline assign",
            "+30m assign oncall_eng",
            "+30m escalate commander",
            "+1h escalate network",
            "+1h remind network",
            "+1h require_fields network",
        ]);
        s.Snapshot.Owner.ShouldBe("network");
        s.Snapshot.Level.ShouldBe(2);
        s.Snapshot.State.ShouldBe("escalated");
    }
}
