using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// The skip mark is a forecast: what the runtime itself does at each pending step's due time if no event
/// comes before then, so time-dependent conditions are read at the due time and the policy's own actions
/// until then count (the review's p1, p2, p4 and p5 reproducers). Each case is computed by hand from its
/// policy, then checked against what the runtime does when the steps fall due.
/// </summary>
public sealed class PendingStepForecastTests
{
    [Fact]
    public void AnEarlierStepAtTheSameInstantAndAnOlderThanThatComesTrueByThenAreForeseen()
    {
        // p1: #0 escalates at +30m before #1 reads `escalation_level > 0`; acknowledged at +10m, so at +40m
        // `acknowledged older than 20m` holds, although it does not yet at +15m.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 {
                owner frontline
                after 30m: escalate to lead
                after 30m unless escalation_level > 0: notify oncall
                after 40m unless acknowledged older than 20m: notify director
            }
            """)));
        script.Run("+0m created sev1; +10m acknowledged; +15m advance");

        SkipReasons(script).ShouldBe([
            "r #0 +30m -",
            "r #1 +30m `escalation_level > 0` holds",
            "r #2 +40m `acknowledged older than 20m` holds",
        ]);

        script.Run("+40m advance");
        script.Lines().ShouldBe(["+30m escalate lead"]);
    }

    [Fact]
    public void AStepThatFiresWhenDueIsNotMarkedEvenIfItsConditionHoldsNow()
    {
        // p2, from Monday 16:00 New York time: at +15m the owner is frontline, `not acknowledged older than 20m`
        // holds and it is business hours; but #0 hands the ticket to lead at +30m before #1 reads the owner,
        // the acknowledgement at +10m is 30m old at +40m, and +70m is 17:10, after business hours.
        var script = new TicketScript(
            TicketScript.Compile(PolicyText.With("""
                escalation r for sev1 {
                    owner frontline
                    after 30m: escalate to lead
                    after 30m unless owner == frontline: notify oncall
                    after 40m unless not acknowledged older than 20m: notify lead
                    after 70m unless during business: notify oncall
                }
                """)),
            start: "2026-11-02T21:00:00Z");
        script.Run("+0m created sev1; +10m acknowledged; +15m advance");

        SkipReasons(script).ShouldBe(["r #0 +30m -", "r #1 +30m -", "r #2 +40m -", "r #3 +1h10m -"]);

        script.Run("+70m advance");
        script.Lines().ShouldBe(["+30m escalate lead", "+30m notify oncall", "+40m notify lead", "+1h10m notify oncall"]);
    }

    [Fact]
    public void AnEarlierPendingStepAHeldBackStepAndARuleThatStopsAreForeseen()
    {
        // p4: a #0 enters monitor at +20m, so the +25m tick and the +30m step find `monitoring`; b #0 escalates
        // at +45m, so b #1 at that instant is held back (b's `when` no longer holds) and b stops before +50m.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation a for sev1 {
                owner frontline
                after 20m: enter monitor
                after 30m unless monitoring: notify oncall
                every 25m while not monitoring: notify lead
            }
            escalation b for sev1 when escalation_level == 0 {
                after 45m: escalate to lead
                after 45m unless acknowledged: notify oncall
                after 50m: notify director
            }
            """)));
        script.Run("+0m created sev1; +10m advance");

        SkipReasons(script).ShouldBe([
            "a #0 +20m -",
            "a #1 +30m `monitoring` holds",
            "a #2 +25m `not monitoring` does not hold",
            "b #0 +45m -",
            "b #1 +45m held back, rule b's `when` does not hold after the policy's own actions at that instant",
            "b #2 +50m rule b stops before it is due (its condition no longer holds)",
        ]);

        script.Run("+50m advance");
        script.Lines().ShouldBe(["+20m enter_monitor frontline", "+45m escalate lead"]);
        script.Trace.Entries.Select(e => e.Text).ShouldContain("rule b stops: its condition no longer holds");
    }

    [Fact]
    public void ABlockedEveryStepShowsItsNextTickAndWhetherItIsSkipped()
    {
        // p5: the +10m tick's escalation waits for request_id; the acknowledgement at +15m makes the +20m tick skip.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            require request_id before escalate
            escalation r for sev1 {
                owner frontline
                every 10m while not acknowledged: escalate to next, notify oncall
            }
            """)));
        script.Run("+0m created sev1; +15m acknowledged; +16m advance");

        script.ClockLines().ShouldBe(["r #0 blocked +20m"]);
        SkipReasons(script).ShouldBe(["r #0 +20m `not acknowledged` does not hold"]);

        script.Run("+21m advance");
        script.Trace.Entries.ShouldContain(e => e.At == script.At("+20m") && e.Text.StartsWith("r #0 (every 10m while not acknowledged): skipped, `while` does not hold", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("+0m created sev1", "escalation blocked until request_id is set", "escalation blocked until request_id is set")]
    [InlineData("+0m created sev1; +5m field_set request_id=r1", null, null)]
    // #1 escalates to lead at +30m; #0's escalation, still blocked then, waits: only #0 is marked.
    [InlineData("+0m created sev1 owner=lead", "escalation blocked until request_id is set", null)]
    public void APendingStepWhoseEscalationARequireGuardWouldBlockIsMarked(string events, string? first, string? second)
    {
        // The step still fires when due (its notify goes out), so it is not skipped: its escalation waits for the
        // fields. An escalation that names nobody new (lead reports to director, #1 escalates to lead) is no block.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            require request_id before escalate
            escalation r for sev1 {
                owner frontline
                after 15m: escalate to next, notify oncall
                after 30m: escalate to lead
            }
            """)));
        script.Run(events);

        var clocks = script.Snapshot.Clocks.Where(c => c.Step is not null).ToList();
        clocks.Select(c => c.SkipReason).ShouldAllBe(r => r == null);
        clocks.Single(c => c.Name == "r #0").BlockReason.ShouldBe(first);
        clocks.Single(c => c.Name == "r #1").BlockReason.ShouldBe(second);
    }

    [Fact]
    public void DescribingATicketDoesNotChangeIt()
    {
        const string Policy = """
            escalation r for sev1 {
                owner frontline
                after 30m: escalate to lead
                after 30m unless escalation_level > 0: notify oncall
                every 10m while not acknowledged older than 20m: page oncall
            }
            deescalate when acknowledged older than 25m { enter monitor }
            """;
        const string Events = "+0m created sev1; +5m advance; +12m acknowledged; +25m advance; +31m field_set root_cause=x; +50m advance; +1h20m advance";
        var quiet = new TicketScript(TicketScript.Compile(PolicyText.With(Policy))).Run(Events);
        var described = new TicketScript(TicketScript.Compile(PolicyText.With(Policy)));
        foreach (var line in Events.Split(';'))
        {
            described.Run(line);
            _ = described.Snapshot;
        }

        described.Lines().ShouldBe(quiet.Lines());
        described.Trace.Entries.Select(e => $"{e.At} {e.Kind} {e.Text}").ShouldBe(quiet.Trace.Entries.Select(e => $"{e.At} {e.Kind} {e.Text}"));
        described.SnapshotLine().ShouldBe(quiet.SnapshotLine());
        described.ClockLines().ShouldBe(quiet.ClockLines());
    }

    [Fact]
    public void AForecastStopsAfterItsMostDeadlineRunsAndLeavesALaterStepUnmarked()
    {
        // #0 ticks every minute; #1, due after 1,000 ticks (+1000m), is skipped then, but the forecast runs
        // at most 1,000 deadlines: it stays unmarked. #2, due within them (+999m), is marked.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 {
                owner frontline
                every 1m: notify oncall
                after 1001m unless acknowledged: notify director
                after 999m unless acknowledged: notify lead
            }
            """)));
        script.Run("+0m created sev1; +0m acknowledged");

        TicketRuntime.MaxForecastRuns.ShouldBe(1000);
        SkipReasons(script).ShouldBe([
            "r #0 +1m -",
            "r #1 +16h41m -",
            "r #2 +16h39m `acknowledged` holds",
        ]);
    }

    [Fact]
    public void APauseThePolicysOwnStepStartsBeforeAStepsTurnIsForeseen()
    {
        // #0 enters monitor at +10m, which starts the pause: #1 (+30m) does not fire then. Before, it was
        // shown unmarked, as if it would.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 {
                owner frontline
                after 10m: enter monitor
                after 30m: notify oncall
            }
            pause sla while monitoring
            """)));
        script.Run("+0m created sev1; +5m advance");

        SkipReasons(script).ShouldBe([
            "r #0 +10m -",
            "r #1 +30m an SLA pause starts before then (pause sla while monitoring)",
        ]);

        script.Run("+40m advance");
        script.Lines().ShouldBe(["+10m enter_monitor frontline"]);
    }

    [Fact]
    public void APausedTicketListsTheStepsItsPauseStops()
    {
        // Before, the steps vanished from the state while the pause held. #0 fired at +15m and is done; #1
        // waits; once the pause ends (+20m to +50m) #1 is due at +1h, 30m of running time.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation r for sev1 {
                owner frontline
                after 15m: notify oncall
                after 30m: escalate to lead
                on workaround_failed: escalate to lead
            }
            pause sla while status == awaiting_customer
            """)));
        script.Run("+0m created sev1; +20m status awaiting_customer; +40m advance");

        script.ClockLines().Where(c => c.StartsWith("r ", StringComparison.Ordinal)).ShouldBe(["r #1 paused"]);
        script.Snapshot.Clocks.Single(c => c.Name == "r #1").Step.ShouldBe("after 30m");

        script.Run("+50m status open");
        script.ClockLines().Where(c => c.StartsWith("r ", StringComparison.Ordinal)).ShouldBe(["r #1 pending +1h"]);
    }

    /// <summary>The steps with a due time as <c>name due reason</c>, <c>-</c> for none.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("after 26h: notify director")]
    public void APauseThatStartsAndEndsBeforeTheForecastEndsIsForeseenWhateverTheOtherSteps(string later)
    {
        // Monday 16:00 New York: the pause starts at 17:00, before #0's turn at 18:00, and ends Tuesday 09:00.
        // With a later step (#1, +26h) the forecast ran on past the pause's end and #0 fired then: it was
        // shown unmarked, due at 18:00, and fired on Tuesday at 10:00.
        var script = new TicketScript(
            TicketScript.Compile(PolicyText.With($$"""
                escalation r for sev1 {
                    owner frontline
                    after 2h: notify oncall
                    {{later}}
                }
                pause sla while not during business
                """)),
            start: "2026-11-23T21:00:00Z");
        script.Run("+0m created sev1");

        SkipReasons(script)[0].ShouldBe("r #0 +2h an SLA pause starts before then (pause sla while not during business)");
        script.Run("+1d advance");
        script.Lines().ShouldBe(["+18h notify oncall"], "#0 fires Tuesday at 10:00, after the pause");
    }

    [Theory]
    [InlineData("2026-11-23T15:20:00Z")]
    [InlineData("2026-11-23T15:21:00Z")]
    [InlineData("2026-11-23T15:22:00Z")]
    public void AStepBeyondTheForecastsRunsIsMarkedByAPauseWithinThemWhateverMinuteTheTicketStarted(string start)
    {
        // The every 1m ticks take the forecast's 1,000 runs to Tuesday; the pause (Monday 17:00 New York) starts
        // within them, before #1's turn. Checked only at the end, #1 was marked when run 1,000 happened to land
        // on a pause (a ticket started at 10:21) and not otherwise.
        var script = new TicketScript(
            TicketScript.Compile(PolicyText.With("""
                escalation r for sev1 {
                    owner frontline
                    every 1m: notify frontline
                    after 4w: notify lead
                }
                pause sla while not during business
                """)),
            start: start);
        script.Run("+0m created sev1");

        script.Snapshot.Clocks.Single(c => c.Name == "r #1").SkipReason.ShouldBe("an SLA pause starts before then (pause sla while not during business)");
    }

    private static List<string> SkipReasons(TicketScript script) =>
        [.. script.Snapshot.Clocks.Where(c => c.Step is not null && c.Due is not null).Select(c => $"{c.Name} {script.Offset(c.Due!.Value)} {c.SkipReason ?? "-"}")];
}
