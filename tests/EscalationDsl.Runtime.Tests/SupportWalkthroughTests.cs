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
            "+15m notify commander",
            "+15m page oncall_eng",
            "+15m sla_breach frontline acknowledge",
            "+30m assign oncall_eng",
            "+30m escalate commander",
            "+30m sla_breach frontline first_update",
            "+1h escalate network",
            "+1h remind network",
            "+1h require_fields network",
        ]);
        s.Snapshot.Owner.ShouldBe("network");
        s.Snapshot.Level.ShouldBe(2);
        s.Snapshot.State.ShouldBe("escalated");

        // The step's assignment at 30m meets `assign within 30m` (a step at the target's instant is
        // in time, as an event would be); the first_update breach at that instant is frontline's.
        s.Snapshot.Clocks.ShouldContain(c => c.Name == "sla assign" && c.Status == "met");
    }
}
