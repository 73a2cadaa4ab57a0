using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// The clocks of a ticket's state (what `esc explain` and the engine's ticket read show) after a trainer's
/// trial: a pause, a blocked escalation, the update cadence's `until`, a breach under an earlier severity.
/// </summary>
public sealed class TicketStateClockTests
{
    [Fact]
    public void ThePausedCustomerUpdateCadenceStaysInTheStateAndComesBackWithItsDueTime()
    {
        // T1: the row was written only while the cadence had a due time, so it vanished while every other clock
        // showed `paused`. First update at +10m starts the 1h cadence; paused from +20m to +40m, it is due at +1h30m.
        var script = Support("+0m created sev1 issue_type=network_outage impact=production; +10m first_update; +20m status awaiting_customer; +30m advance");

        script.ClockLines().ShouldContain("customer update paused");
        script.ClockLines().Where(c => c.EndsWith(" paused", StringComparison.Ordinal)).Count().ShouldBe(7, string.Join("\n", script.ClockLines()));

        script.Run("+40m status in_progress");
        script.ClockLines().ShouldContain("customer update pending +1h30m");
    }

    [Fact]
    public void ACadenceThatNeverStartedOrHasEndedIsNotListedWhilePaused()
    {
        // No customer update yet: the cadence has not started, paused or not.
        var script = Support("+0m created sev1 issue_type=network_outage impact=production; +20m status awaiting_customer");

        script.ClockLines().ShouldNotContain(c => c.StartsWith("customer update", StringComparison.Ordinal));
    }

    [Fact]
    public void ABlockedStepSaysWhichRequiredFieldsAreStillMissing()
    {
        // T2: support.esc requires request_id, occurred_at and client_version before escalating an auth_failure.
        // #2 fires at +30m and its escalation is blocked; two of the three fields arrive at +40m.
        var script = Support("+0m created sev1 issue_type=auth_failure impact=production; +35m advance");

        var blocked = Clock(script, "sev1_production #2");
        blocked.Status.ShouldBe("blocked");
        blocked.BlockReason.ShouldBe("escalation blocked until request_id, occurred_at, client_version are set");

        script.Run("+40m field_set request_id=r1 occurred_at=2026-11-02T13:00:00Z");
        Clock(script, "sev1_production #2").BlockReason.ShouldBe("escalation blocked until client_version is set");
        script.Decisions.Single(d => d.Kind == Decisions.DecisionKind.MissingInformation).Detail
            .ShouldBe("escalation blocked until request_id, occurred_at, client_version are set");

        // The last one lets the escalation go ahead: the step is no longer blocked.
        script.Run("+45m field_set client_version=4.2");
        script.Snapshot.Clocks.ShouldNotContain(c => c.Name == "sev1_production #2");
    }

    [Fact]
    public void TheCustomerUpdateRowSaysItsCadenceAndThatItsUntilEndsIt()
    {
        // T3: contained at +40m; the cadence (first update at +10m) is due at +1h10m, where `until contained`
        // ends it, as the `every ... while not contained` step's tick is skipped then.
        var script = Support("+0m created sev1 issue_type=network_outage impact=production; +10m first_update; +30m advance");

        var running = Clock(script, "customer update");
        running.Cadence.ShouldBe("update every 1h until contained");
        running.SkipReason.ShouldBeNull();

        script.Run("+40m mitigation contained");
        var ending = Clock(script, "customer update");
        script.Offset(ending.Due!.Value).ShouldBe("+1h10m");
        ending.SkipReason.ShouldBe("`contained` holds, the cadence ends");

        // As foreseen: no missed update at +1h10m, and the row is gone.
        script.Run("+1h15m advance");
        script.Lines().ShouldNotContain(l => l.Contains("missed_update", StringComparison.Ordinal));
        script.Snapshot.Clocks.ShouldNotContain(c => c.Name == "customer update");
    }

    [Fact]
    public void ACadenceAnSlaPauseStopsBeforeItsDueTimeIsMarked()
    {
        // The policy's own `enter monitor` at +30m starts the pause before the cadence's +1h10m.
        var script = new TicketScript(TicketScript.Compile(PolicyText.Prelude + """
            severity sev1 "Critical" {
                acknowledge within 15m
                update every 1h
            }
            escalation r for sev1 {
                owner frontline
                after 30m: enter monitor
            }
            pause sla while monitoring
            """));
        script.Run("+0m created sev1; +10m first_update; +20m advance");

        Clock(script, "customer update").SkipReason.ShouldBe("an SLA pause starts before then (pause sla while monitoring)");
    }

    [Fact]
    public void ABreachUnderAnEarlierSeveritySaysWhichOne()
    {
        // T6: sev1's acknowledge (15m) and first_update (30m) are breached, then the ticket drops to sev3, whose
        // targets they also are. A breach under the current severity says nothing more.
        var script = Support("+0m created sev1 issue_type=network_outage impact=production; +40m severity_changed sev3");

        var clocks = script.Snapshot.Clocks;
        clocks.Single(c => c.Name == "sla acknowledge").BreachedUnder.ShouldBe("sev1");
        clocks.Single(c => c.Name == "sla first_update").BreachedUnder.ShouldBe("sev1");
        clocks.Single(c => c.Name == "sla resolve").BreachedUnder.ShouldBeNull();

        // Back to sev1: breached under the current severity again.
        script.Run("+50m severity_changed sev1");
        script.Snapshot.Clocks.ShouldAllBe(c => c.BreachedUnder == null);
    }

    [Fact]
    public void ABreachAfterTheChangeIsUnderTheNewSeverity()
    {
        // sev3 from +5m; its resolve (3 business days) breaches, the ticket is raised to sev2 (no resolve target),
        // then lowered to sev3 again: resolve was breached under sev3, the current one.
        var script = Support("+0m created sev1 issue_type=network_outage impact=production; +5m acknowledged; +6m first_update; +7m severity_changed sev3; +7d advance; +7d1m severity_changed sev2; +7d2m severity_changed sev3");

        var clocks = script.Snapshot.Clocks;
        clocks.Single(c => c.Name == "sla resolve").Status.ShouldBe("breached");
        clocks.Single(c => c.Name == "sla resolve").BreachedUnder.ShouldBeNull();
    }

    /// <summary>A ticket of policies/support.esc run through <paramref name="events"/> (<see cref="TicketScript.Run"/>).</summary>
    private static TicketScript Support(string events) => new TicketScript(TicketScript.Shipped("support")).Run(events);

    /// <summary>The ticket's clock of that name.</summary>
    private static ClockSnapshot Clock(TicketScript script, string name) => script.Snapshot.Clocks.Single(c => c.Name == name);
}
