using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>What `esc explain` prints comes from the trace: it says what happened, and nothing that did not.</summary>
public sealed class TraceTextTests
{
    private const string Rules = """
        escalation r for sev1 { after 1h: notify lead }
        escalation sec for sev1 when security_flagged { immediately: page security }
        """;

    [Fact]
    public void AReopenDoesNotStopRulesThatWereNotRunning()
    {
        // Resolution stopped rule r; rule sec never applied. The reopen starts r again and stops nothing.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules, null)));
        script.Run("+0m created sev1; +10m resolved; +20m reopened");

        var afterReopen = script.Trace.Entries.SkipWhile(e => e.Text != "event reopened").Select(e => e.Text).ToList();
        afterReopen.ShouldContain("rule r applies");
        afterReopen.ShouldNotContain(t => t.Contains("stops", StringComparison.Ordinal));
    }

    [Fact]
    public void APolicyWhoseActionsUndoEachOtherStopsAfterFourPassesAndSaysSo()
    {
        // climb hands frontline's tickets up, the deescalation hands lead's to director, back hands them to
        // frontline again: each pass changes the owner, so the passes stop at the limit, with a line saying why.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation climb for any when owner == frontline { immediately: escalate to next }
            escalation back for any when owner == director { immediately: assign frontline }
            deescalate when owner == lead { assign director }
            """, null)));
        script.Run("+0m created sev1 owner=frontline");

        script.Trace.Entries.Count(e => e.Text.StartsWith("the policy's own actions still change the ticket after 4 evaluations", StringComparison.Ordinal)).ShouldBe(1);
        script.Lines().Count(l => l.Contains(" escalate lead", StringComparison.Ordinal)).ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public void AReopenOfATicketThatIsStillOpenSaysNothingRestarts()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules, null)));
        script.Run("+0m created sev1; +20m reopened");

        var afterReopen = script.Trace.Entries.SkipWhile(e => e.Text != "event reopened").ToList();
        afterReopen.Select(e => e.Text).ShouldContain("reopened: the ticket is not resolved or closed, so nothing restarts (on reopened steps still run)");
        afterReopen.ShouldNotContain(e => e.Kind == EscalationDsl.Runtime.Tracing.TraceKind.State || e.Kind == EscalationDsl.Runtime.Tracing.TraceKind.Rule);
    }

    [Fact]
    public void AGuardEndingByTimeWhileAnotherTakesOverSaysTheEscalationStaysBlocked()
    {
        // review13 F3: the notice promised a release when business closes (+8h); then the night guard holds it, silently.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            require request_id before escalate when during business
            require root_cause before escalate when not during business
            escalation r for sev1 { owner frontline  after 10m: escalate to lead }
            """, null)));
        script.Run("+0m created sev1; +9h advance");

        script.Trace.Entries.Where(e => e.At == script.At("+8h")).Select(e => e.Text).Where(t => t.StartsWith("r #0", StringComparison.Ordinal)).ShouldBe(
        [
            "r #0 (after 10m): `require request_id before escalate when during business` no longer holds, but the escalation stays blocked: "
                + "escalation blocked until root_cause is set, or until `not during business` no longer holds",
        ]);
        script.Lines().ShouldBe(["+10m missing_information frontline"]);
    }

    [Fact]
    public void ARuleStoppingWithABlockedEscalationSaysTheEscalationIsDropped()
    {
        // review13 F11: the trace said the escalation was held back, and nothing after that said it would never go.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(
            "escalation r for sev1 when during business { owner frontline  require root_cause before escalate when during business  after 10m: escalate to lead }",
            null)));
        script.Run("+0m created sev1; +9h advance");

        script.Trace.Entries.Where(e => e.At == script.At("+8h")).Select(e => e.Text).SkipWhile(t => !t.StartsWith("rule r stops", StringComparison.Ordinal)).ShouldBe(
        [
            "rule r stops: its condition no longer holds",
            "r #0 (after 10m): its blocked escalation is dropped with the rule",
        ]);
    }

    [Theory]
    [InlineData("escalation r for sev1 { owner director  after 10m: escalate to next }", "r #0 (after 10m): next names nobody: director holds the ticket and reports to nobody")]
    [InlineData("escalation r for sev1 { after 10m: escalate to next }", "r #0 (after 10m): next names nobody: the ticket has no owner")]
    [InlineData("escalation r for sev1 { after 10m: notify owner }", "r #0 (after 10m): owner names nobody: the ticket has no owner")]
    public void AnOwnerReferenceThatNamesNobodySaysWhy(string rule, string line)
    {
        // A user trial: "next names nobody for this ticket" did not say who held the ticket at the top of the chain.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(rule, null)));
        script.Run("+0m created sev1; +1h advance");

        script.Trace.Entries.Select(e => e.Text).ShouldContain(line);
    }

    [Fact]
    public void AStepFiringAgainSaysItTakesThePlaceOfItsBlockedEscalation()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(
            "require request_id before escalate\nescalation r for sev1 { owner frontline  on customer_update: escalate to next }", null)));
        script.Run("+0m created sev1; +10m customer_update; +20m customer_update");

        script.Trace.Entries.Select(e => e.Text).Where(t => t.StartsWith("r #0", StringComparison.Ordinal)).ShouldBe(
        [
            "r #0 (on customer_update) fires (occurrence 1)",
            "r #0 (on customer_update) fires (occurrence 2, in place of the escalation still blocked from occurrence 1)",
        ]);
    }

    [Theory]
    [InlineData("+0m created sev1; +20m field_set root_cause=dns",
        "r #0 (after 10m): required fields are set, the blocked escalation goes ahead")]
    [InlineData("+0m created sev1; +9h advance",
        "r #0 (after 10m): `require root_cause before escalate when during business` no longer holds, the blocked escalation goes ahead")]
    public void ABlockedEscalationSaysWhyItGoesAhead(string events, string line)
    {
        // "+0m" is Monday 09:00 in New York: the office closes at +8h, with root_cause still missing.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(
            "require root_cause before escalate when during business\nescalation r for sev1 { after 10m: escalate to lead }", null)));
        script.Run(events);

        script.Trace.Entries.Select(e => e.Text).ShouldContain(line);
    }

    [Theory]
    [InlineData("during business", "escalation blocked until root_cause is set, or until `during business` no longer holds")]
    [InlineData("issue_type == database", "escalation blocked until root_cause is set")]
    [InlineData("created older than 5m", "escalation blocked until root_cause is set")] // a review: it promised a release time never brings
    public void ABlockSaysWhenTimeAloneCanEndIt(string when, string reason)
    {
        // A review: a guard `when during business` held the escalation "until root_cause is set", although the close of business ends it too.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(
            $"require root_cause before escalate when {when}\nescalation r for sev1 {{ after 10m: escalate to lead }}", null)));
        script.Run("+0m created sev1 issue_type=database; +20m advance");

        script.Decisions.Single(d => d.Kind == Decisions.DecisionKind.MissingInformation).Detail.ShouldBe(reason);
        script.Snapshot.Clocks.Single(c => c.Name == "r #0").BlockReason.ShouldBe(reason);
    }

    [Theory]
    // A crash hunt: with two guards that end by time, the block read "or until A ..., or until B ..." (either would do;
    // both must end), and the release named the guard written first, which had ended 25 minutes before.
    [InlineData("not created older than 40m",
        "escalation blocked until root_cause is set, or until `during business` and `not created older than 40m` no longer hold",
        "r #0 (after 10m): `require root_cause before escalate when during business` and `require root_cause before escalate when not created older than 40m` no longer hold, the blocked escalation goes ahead")]
    // Time alone cannot end a guard on a value: no promise.
    [InlineData("issue_type == database", "escalation blocked until root_cause is set", null)]
    public void ABlockByTwoGuardsWaitsForBothAndSaysSo(string second, string reason, string? release)
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With($$"""
            require root_cause before escalate when during business
            require root_cause before escalate when {{second}}
            escalation r for sev1 { after 10m: escalate to lead }
            """, null)));
        script.Run("+7h45m created sev1 issue_type=database; +7h58m advance"); // 16:45 in New York; the office closes at 17:00

        script.Decisions.Single(d => d.Kind == Decisions.DecisionKind.MissingInformation).Detail.ShouldBe(reason);
        script.Snapshot.Clocks.Single(c => c.Name == "r #0").BlockReason.ShouldBe(reason);
        script.Run("+9h advance");
        var released = script.Trace.Entries.Where(e => e.Text.EndsWith("the blocked escalation goes ahead", StringComparison.Ordinal)).ToList();
        released.Select(e => e.Text).ShouldBe(release is null ? [] : [release]);
        if (release is not null)
        {
            script.Offset(released[0].At).ShouldBe("+8h25m");
        }
    }

    [Fact]
    public void AReleaseByFieldsDoesNotCreditAGuardThatNeverHeld()
    {
        // A review: the release named `... when issue_type == auth_failure`, which never held for this ticket.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            require request_id before escalate when issue_type == auth_failure
            require root_cause before escalate
            escalation r for sev1 { after 10m: escalate to lead }
            """, null)));
        script.Run("+0m created sev1 issue_type=database; +20m field_set root_cause=dns");

        script.Trace.Entries.Select(e => e.Text).ShouldContain("r #0 (after 10m): required fields are set, the blocked escalation goes ahead");
    }

    [Fact]
    public void ABlockWhoseGuardEndsWithItsRuleSaysTheEscalationIsDroppedThen()
    {
        // A new-user trial (follow the sun): the block promised a release "until `during business` no longer holds",
        // but the rule stops at that instant too and the escalation was held back and dropped.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 when during business {
                require root_cause before escalate when during business
                after 10m: escalate to lead
            }
            """, null)));
        script.Run("+0m created sev1; +20m advance");

        const string Reason = "escalation blocked until root_cause is set; when `during business` no longer holds, rule r does not apply either and the escalation is dropped";
        script.Decisions.Single(d => d.Kind == Decisions.DecisionKind.MissingInformation).Detail.ShouldBe(Reason);
        script.Snapshot.Clocks.Single(c => c.Name == "r #0").BlockReason.ShouldBe(Reason);

        script.Run("+9h advance"); // the office closes at +8h
        script.Trace.Entries.Select(e => e.Text).ShouldContain("r #0 (after 10m): the blocked escalation is held back, the rule's `when` no longer holds at this instant");
        script.Decisions.ShouldNotContain(d => d.Kind == Decisions.DecisionKind.Escalate);
    }

    [Theory]
    // A new-user trial (a drill): a planned mitigation under `mitigate ... with next_update` moved the ticket to
    // Mitigated with "(mitigation)" and the target later read "met" with no cause.
    [InlineData("+0m created sev1; +30m mitigation planned",
        "Open -> Mitigated (mitigation planned)",
        "SLA mitigate not met yet: `mitigate within 4h with next_update` waits for next_update as well")]
    [InlineData("+0m created sev1; +30m mitigation planned; +40m field_set next_update=2026-11-02T15:00:00Z",
        "SLA mitigate met: mitigation planned at 2026-11-02T14:30:00Z, and next_update is set")]
    [InlineData("+0m created sev1; +30m mitigation contained; +1h severity_changed sev2",
        "Open -> Mitigated (mitigation contained)",
        "SLA mitigate met: mitigation contained at 2026-11-02T14:30:00Z")]
    [InlineData("+0m created sev1; +30m resolved",
        "SLA mitigate met: the ticket is resolved")]
    [InlineData("+0m created sev1; +30m mitigation planned; +1h resolved", // a review: it said next_update was set
        "SLA mitigate met: the ticket is resolved")]
    public void AMitigateTargetSaysWhatMetItAndWhatItStillWaitsFor(string events, params string[] lines)
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 1h: notify lead }",
            "severity sev1 { mitigate within 4h with next_update }\nseverity sev2 { mitigate within 8h }\n")));
        script.Run(events);

        foreach (var line in lines)
        {
            script.Trace.Entries.Select(e => e.Text).ShouldContain(line);
        }
    }

    [Theory]
    [InlineData("sev2", "customer update cadence ends: severity sev2 sets none")]
    [InlineData("sev3", null)]
    public void ASeverityWithoutACadenceSaysTheCadenceEnds(string to, string? line)
    {
        // A review: not for a cadence that never started, nor one whose `until` had ended it.
        foreach (var quiet in (string[])["+0m created sev1; +20m severity_changed sev2", "+0m created sev1; +5m first_update; +10m mitigation contained; +20m severity_changed sev2"])
        {
            var other = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 1h: notify lead }",
                "severity sev1 { update every 1h until contained }\nseverity sev2 { acknowledge within 1h }\n")));
            other.Run(quiet);
            other.Trace.Entries.ShouldNotContain(e => e.Text.StartsWith("customer update cadence ends: severity", StringComparison.Ordinal), quiet);
        }

        // A new-user trial: lowering a sev1 to sev2 removed its customer update cadence from the state with no timeline entry.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 1h: notify lead }",
            "severity sev1 { update every 1h }\nseverity sev2 { acknowledge within 1h }\nseverity sev3 { update every 2h }\n")));
        script.Run($"+0m created sev1; +5m first_update; +20m severity_changed {to}");

        var cadence = script.Trace.Entries.Select(e => e.Text).Where(t => t.StartsWith("customer update cadence ends", StringComparison.Ordinal));
        cadence.ShouldBe(line is null ? [] : [line]);
    }

    [Fact]
    public void ADeadlineOfATicketCreatedWithinASecondShowsTheFractionItFiresAt()
    {
        // The ticket counts whole seconds from its creation, so the deadline keeps the creation's fraction.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 15m: notify lead }", null)), "2026-11-02T14:00:00.500Z");
        script.Run("+0m created sev1");

        script.Trace.Entries.Select(e => e.Text).ShouldContain("r #0 (after 15m): 2026-11-02T14:00:00.500Z + 15m = 2026-11-02T14:15:00.500Z");
    }

    [Theory]
    [InlineData("+0m created sev1; +1h30m status awaiting_customer; +3h30m status working",
        "SLA resolve due: 2026-11-02T14:00:00Z + 4h = 2026-11-02T20:00:00Z [1h30m counted before the pause at 2026-11-02T15:30Z; 2h30m from 2026-11-02T17:30Z, when the pause ended]")]
    [InlineData("+0m created sev1; +1h status awaiting_customer; +2h status working; +2h30m status awaiting_customer; +3h status working",
        "SLA resolve due: 2026-11-02T14:00:00Z + 4h = 2026-11-02T19:30:00Z [1h counted before the pause at 2026-11-02T15:00Z; 30m from 2026-11-02T16:00Z, when the pause ended, to the pause at 2026-11-02T16:30Z; 2h30m from 2026-11-02T17:00Z, when the pause ended]")]
    public void AWallClockDeadlineAfterAPauseSaysEachStretchSoTheSumAddsUp(string events, string line)
    {
        // The stretch after the last pause was not said: 14:00 + 4h = 20:00 showed only the 1h30m before it.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 { after 1h: notify lead }
            pause sla while status == awaiting_customer
            """, "severity sev1 \"Critical\" { resolve within 4h }\n")));
        script.Run(events);

        script.Trace.Entries.Select(e => e.Text).Last(t => t.StartsWith("SLA resolve due:", StringComparison.Ordinal)).ShouldBe(line);
    }

    [Fact]
    public void AnEverySinceRestartedWhileThePauseHeldTracesOnlyTheDeadlineThatTakesEffect()
    {
        // Hunt F6: the pause's end measured the old interval (14:00 + 10m = 14:45) and the customer update's restart
        // replaced it at the same instant (14:27 + 10m = 14:50); the 14:45 line never took effect.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 { every 10m since customer_update: notify lead }
            pause sla while status == awaiting_customer
            """)));
        script.Run("+0m created sev1; +5m status awaiting_customer; +27m customer_update; +40m status working");

        script.Trace.Entries.Where(e => e.At == script.At("+40m") && e.Text.StartsWith("r #0", StringComparison.Ordinal)).Select(e => e.Text).ShouldBe(
            ["r #0 (every 10m since customer_update) (restarted by customer_update): 2026-11-02T14:27:00Z + 10m = 2026-11-02T14:50:00Z [10m from 2026-11-02T14:40Z, when the pause ended]"]);
        script.AdvanceTo("+50m").Decisions.Count(d => d.Kind == Decisions.DecisionKind.Notify).ShouldBe(1);
    }

    [Theory]
    [InlineData("+0m created sev1 issue_type=other", "route(issue_type): 'other' is not listed, so the route's default, frontline")]
    [InlineData("+0m created sev1", "route(issue_type): issue_type is not set, so the route's default, frontline")]
    [InlineData("+0m created sev1 issue_type=database", null)]
    public void ARouteThatFallsToItsDefaultSaysWhy(string events, string? line)
    {
        // A new user's F17: the timeline said only `escalate to frontline: already the owner`, not that the ticket's
        // value was not listed. Said once per firing (checking whether the escalation names anybody new says nothing).
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            route issue_type {
                network_outage -> network
                database       -> database
                default        -> frontline
            }
            escalation r for sev1 {
                owner frontline
                after 10m: escalate to route(issue_type)
            }
            """, null)));
        script.Run(events + "; +20m advance");

        var routes = script.Trace.Entries.Where(e => e.Text.StartsWith("route(", StringComparison.Ordinal)).Select(e => e.Text).ToList();
        routes.ShouldBe(line is null ? [] : [line]);
    }

    [Fact]
    public void TheFiringThatReachesTheCapShowsNoNextTick()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { every 10m up to 2 times: notify lead }", null)));
        script.Run("+0m created sev1; +1h advance");

        var texts = script.Trace.Entries.Select(e => e.Text).ToList();
        texts.ShouldContain("r #0 (every 10m up to 2 times) next: 2026-11-02T14:10:00Z + 10m = 2026-11-02T14:20:00Z");
        texts.ShouldNotContain(t => t.Contains("= 2026-11-02T14:30:00Z", StringComparison.Ordinal));
        texts.ShouldContain("r #0 (every 10m up to 2 times): cap of 2 reached, no more repeats");
    }

    [Fact]
    public void ACreatedEventWithoutAnIssueTypeDoesNotShowAnEmptyOne()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules, null)));
        script.Run("+0m created sev1");

        script.Trace.Entries[0].Text.ShouldBe("event created severity=sev1");
    }

    [Fact]
    public void ACreatedEventWithAnOwnerShowsIt()
    {
        // A crash hunt: the owner a ticket was created with was left out of its `event created` line.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules, null)));
        script.Run("+0m created sev1 issue_type=database owner=frontline");

        script.Trace.Entries[0].Text.ShouldBe("event created severity=sev1 issue_type=database owner=frontline");
    }

    [Fact]
    public void APauseNamesTheConditionThatHolds()
    {
        // "pause sla while ... holds" left a trainee to guess which wait the ticket was in.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules + """

            pause sla while status == awaiting_customer
            pause sla while status == awaiting_vendor
            """)));
        script.Run("+0m created sev1; +10m status awaiting_vendor; +20m status in_progress");

        script.Trace.Entries.Select(e => e.Text).ShouldContain("SLA clocks paused (pause sla while status == awaiting_vendor holds)");
    }

    [Theory]
    [InlineData("+0m created sev1; +10m assigned netwrk", "owner netwrk is not declared in policy cases, so the policy does not know it as the ticket's owner (did you mean network?)")]
    [InlineData("+0m created sev1 owner=jsmith", "owner jsmith is not declared in policy cases, so the policy does not know it as the ticket's owner")]
    public void AnOwnerThePolicyDoesNotDeclareIsSaidSo(string events, string note)
    {
        // A typo in a drill's event file left the ticket without an owner, and the timeline showed only the event.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With(Rules)));
        script.Run(events);

        script.Trace.Entries.Select(e => e.Text).ShouldContain(note);
    }

    private const string Targets = """
        severity sev1 "Critical" {
            acknowledge  within 15m
            first_update within 30m
            assign       within 45m
            mitigate     within 1h
        }

        """;

    [Theory]
    [InlineData("+0m created sev1; +50m acknowledged; +55m customer_update", "+50m", "SLA acknowledge late: 35m after its target, 2026-11-02T14:15:00Z (it stays breached)")]
    [InlineData("+0m created sev1; +32m customer_update", "+32m", "SLA first_update late: 2m after its target, 2026-11-02T14:30:00Z (it stays breached)")]
    [InlineData("+0m created sev1; +1h10m assigned network", "+1h10m", "SLA assign late: 25m after its target, 2026-11-02T14:45:00Z (it stays breached)")]
    [InlineData("+0m created sev1; +2h resolved", "+2h", "SLA mitigate late: 1h after its target, 2026-11-02T15:00:00Z (it stays breached)")]
    [InlineData("+0m created sev1; +1h advance; +1h30m advance; +3h mitigation planned", "+3h", "SLA mitigate late: 2h after its target, 2026-11-02T15:00:00Z (it stays breached)")]
    public void WhatABreachedTargetAskedForSaysHowLateItCame(string events, string when, string note)
    {
        // A drill's acknowledgement 35 minutes after the target showed only "event acknowledged": the
        // breach was many lines up, and nothing tied the two together.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("", Targets)));
        script.Run(events);

        var late = script.Trace.Entries.Where(e => e.Text.Contains(" late: ", StringComparison.Ordinal)).ToList();
        late.Select(e => (script.Offset(e.At), e.Kind, e.Text)).ShouldContain((when, Tracing.TraceKind.Sla, note));
        late.Count(e => e.Text == note).ShouldBe(1);
    }

    [Fact]
    public void AnAssignmentByThePolicyAfterTheTargetSaysSoToo()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("escalation r for sev1 { after 1h: assign oncall }", Targets)));
        script.Run("+0m created sev1; +2h advance");

        script.Trace.Entries.Select(e => e.Text).ShouldContain("SLA assign late: 15m after its target, 2026-11-02T14:45:00Z (it stays breached)");
    }

    [Fact]
    public void WhatComesInTimeOrNeverSaysNothingLate()
    {
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("", Targets)));
        // Never acknowledged: the breach stands, and the resolution does not acknowledge the ticket.
        script.Run("+0m created sev1; +20m customer_update; +40m assigned network; +50m mitigation planned; +3h resolved");

        script.Trace.Entries.ShouldNotContain(e => e.Text.Contains(" late: ", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRecheckOfTimeDependentConditionsNamesTheConditionsTimeChangesThen()
    {
        // The trainer's night drill: a sev1 at 03:00 Berlin, in the gap between the regions' hours. The
        // state said only "time-dependent conditions pending due ...": it is Berlin's hours opening at
        // 08:00 (07:00Z), which every sev1 rule's `when` reads, and nothing else of the policy.
        var script = new TicketScript(TicketScript.Shipped("saas-follow-the-sun"), "2026-11-04T02:00:00Z");
        script.Run("+0m created sev1 component=api customer_tier=enterprise; +12m acknowledged; +20m first_update");

        var recheck = script.Snapshot.Clocks.Single(c => c.Name == "time-dependent conditions");
        recheck.Due.ShouldBe(NodaTime.Instant.FromUtc(2026, 11, 4, 7, 0));
        recheck.Conditions.ShouldBe([
            "rule sev1_emea when during emea",
            "rule sev1_amer when during amer and not during emea",
            "rule sev1_night when not during emea and not during amer",
        ]);
    }

    [Fact]
    public void OnlyTheConditionsDueAtTheRecheckAreNamed()
    {
        // Created at 14:00Z: `acknowledged older than 1h` changes at 15:00Z; Berlin's hours end at 17:00
        // (16:00Z), when Los Angeles' start at 08:00 (16:00Z).
        var script = new TicketScript(TicketScript.Compile("""
            policy "p" version 1
            calendar emea "Europe/Berlin" default { hours mon..fri 08:00-17:00 }
            calendar amer "America/Los_Angeles" { hours mon..fri 08:00-17:00 }
            owners { team desk "Desk" }
            severity sev1 { }
            escalation day for sev1 when during emea { immediately: notify desk }
            escalation stale for sev1 when acknowledged older than 1h { immediately: notify desk }
            escalation west for sev1 when during amer { immediately: notify desk }
            """), "2026-11-04T14:00:00Z");

        script.Run("+0m created sev1");
        RecheckShouldBe(15, "rule stale when acknowledged older than 1h");

        script.Run("+1h30m advance");
        RecheckShouldBe(16, "rule day when during emea", "rule west when during amer");

        void RecheckShouldBe(int hour, params string[] conditions)
        {
            var recheck = script.Snapshot.Clocks.Single(c => c.Name == "time-dependent conditions");
            recheck.Due.ShouldBe(NodaTime.Instant.FromUtc(2026, 11, 4, hour, 0));
            recheck.Conditions.ShouldBe(conditions);
        }
    }
}
