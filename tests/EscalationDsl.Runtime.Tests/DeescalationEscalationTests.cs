namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// What `escalate to` inside a `deescalate` block does, as lint rule ESL027's message says: it hands
/// the ticket over and raises its escalation level, but the ticket's state does not become Escalated
/// and `require ... before escalate` is not checked. If this changes, so must ESL027 (docs/rules/ESL027.md).
/// </summary>
public sealed class DeescalationEscalationTests
{
    private static readonly CompiledPolicy Policy = TicketScript.Compile("""
        policy "d" version 1
        owners {
            team front "Front" reports to lead
            role lead "Lead"
        }
        fields {
            request_id text
            calm flag
        }
        severity sev1 "S1" { acknowledge within 15m }
        require request_id before escalate
        escalation e for sev1 {
            owner front
            after 30m: page front
        }
        deescalate when calm {
            escalate to lead
        }
        """);

    [Fact]
    public void AnEscalationInADeescalationHandsOverButNeitherEscalatesTheStateNorChecksRequire()
    {
        var s = new TicketScript(Policy);
        s.Created("+0m", "sev1");
        s.Set("+5m", ("calm", "true"));

        s.Lines().ShouldBe(["+5m escalate lead"]);
        s.Snapshot.Owner.ShouldBe("lead");
        s.Snapshot.Level.ShouldBe(1);
        s.Snapshot.State.ShouldBe("open", "not escalated");
    }
}
