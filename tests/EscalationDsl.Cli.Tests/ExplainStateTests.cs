using System.Text.Json;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The state block at the end of esc explain's timeline.</summary>
public sealed class ExplainStateTests
{
    [Fact]
    public void TheRecheckOfTimeDependentConditionsSaysWhichConditionsTimeChanges()
    {
        // The trainer's night drill: the state said "time-dependent conditions pending due 2026-11-04T07:00:00Z"
        // and left them to guess that it is Berlin's hours opening, which every sev1 rule's `when` reads.
        using var folder = new LintTempFolder();
        folder.Write("night.jsonl", """
            {"ticket":"SAAS-1","at":"2026-11-04T03:00:00+01:00","type":"created","severity":"sev1","fields":{"component":"api","customer_tier":"enterprise","impact_confirmed":true}}
            {"ticket":"SAAS-1","at":"2026-11-04T03:12:00+01:00","type":"acknowledged"}

            """);
        string[] explain = ["explain", Path.Combine(RepoPaths.Policies, "saas-follow-the-sun.esc"), "--events", "night.jsonl"];

        var text = Esc.RunIn(folder.Path, string.Empty, explain);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);

        text.ExitCode.ShouldBe(0, text.Error);
        text.Out.ShouldContain("\n  time-dependent conditions    pending due 2026-11-04T07:00:00Z  (rule sev1_emea when during emea; rule sev1_amer when during amer and not during emea; rule sev1_night when not during emea and not during amer)\n");
        json.Out.ShouldContain("""
                    "name": "time-dependent conditions",
                    "status": "pending",
                    "due": "2026-11-04T07:00:00Z",
                    "conditions": [
                      "rule sev1_emea when during emea",
            """);
    }

    [Fact]
    public void APendingStepItsDueTimeWouldSkipSaysSoWithTheConditionThatHolds()
    {
        // The trainer's s3: a sev1 acknowledged at 14:05 listed `after 15m unless acknowledged` as pending,
        // a live threat, though it is skipped at 14:15. At 14:10 it says so, in text and in JSON; the steps
        // whose `unless` does not hold, and the one whose `while` holds, are not marked.
        using var folder = new LintTempFolder();
        folder.Write("ack.jsonl", """
            {"ticket":"S3","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","fields":{"impact":"production"}}
            {"ticket":"S3","at":"2026-11-02T14:05:00Z","type":"acknowledged"}

            """);
        string[] explain = ["explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "ack.jsonl", "--at", "+10m"];

        var text = Esc.RunIn(folder.Path, string.Empty, explain);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);

        text.ExitCode.ShouldBe(0, text.Error);
        text.Out.ShouldContain("""

              sev1_production #0           pending due 2026-11-02T14:15:00Z  (after 15m unless acknowledged)  — skipped when due if no event comes before then: `acknowledged` holds
              sev1_production #1           pending due 2026-11-02T14:30:00Z  (after 30m unless engineering_assigned)
              sev1_production #2           pending due 2026-11-02T14:30:00Z  (after 30m unless mitigation_planned)
              sev1_production #3           pending due 2026-11-02T15:00:00Z  (after 1h unless root_cause)
              sev1_production #4           pending due 2026-11-02T15:00:00Z  (every 1h since customer_update while not contained)

            """);
        var clocks = JsonDocument.Parse(json.Out).RootElement.GetProperty("state").GetProperty("clocks").EnumerateArray().ToList();
        clocks.Single(c => c.GetProperty("name").GetString() == "sev1_production #0").GetProperty("skipReason").GetString().ShouldBe("`acknowledged` holds");
        clocks.Where(c => c.TryGetProperty("skipReason", out _)).Count().ShouldBe(1);
    }

    [Fact]
    public void APendingStepWhoseEscalationARequireGuardWouldBlockSaysSo()
    {
        // A new user's F15: an auth_failure sev1 without the fields support.esc requires before escalating listed
        // #2 and #3 as plain pending steps; at 14:30 and 15:00 their escalations are blocked. Once the fields are
        // set, nothing is marked.
        using var folder = new LintTempFolder();
        folder.Write("auth.jsonl", """
            {"ticket":"A1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","issue_type":"auth_failure","fields":{"impact":"production"}}
            {"ticket":"A1","at":"2026-11-02T14:20:00Z","type":"field_set","fields":{"request_id":"r1","occurred_at":"2026-11-02T13:00:00Z","client_version":"4.2"}}

            """);
        string[] explain = ["explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "auth.jsonl", "--only", "state"];

        var before = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--at", "+10m"]);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--at", "+10m", "--format", "json"]);
        var after = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);

        before.ExitCode.ShouldBe(0, before.Error);
        before.Out.ShouldContain("""

              sev1_production #1           pending due 2026-11-02T14:30:00Z  (after 30m unless engineering_assigned)
              sev1_production #2           pending due 2026-11-02T14:30:00Z  (after 30m unless mitigation_planned)  — when due, if no event comes before then: escalation blocked until request_id, occurred_at, client_version are set
              sev1_production #3           pending due 2026-11-02T15:00:00Z  (after 1h unless root_cause)  — when due, if no event comes before then: escalation blocked until request_id, occurred_at, client_version are set

            """);
        var clocks = JsonDocument.Parse(json.Out).RootElement.GetProperty("state").GetProperty("clocks").EnumerateArray().ToList();
        clocks.Single(c => c.GetProperty("name").GetString() == "sev1_production #2").GetProperty("blockReason").GetString()
            .ShouldBe("escalation blocked until request_id, occurred_at, client_version are set");
        clocks.Count(c => c.TryGetProperty("blockReason", out _)).ShouldBe(2);
        after.ExitCode.ShouldBe(0, after.Error);
        after.Out.ShouldNotContain("blockReason");
    }

    [Fact]
    public void AnEveryStepWhoseWhileDoesNotHoldSaysItsNextTickIsSkipped()
    {
        // Contained at 16:10: `every 1h since customer_update while not contained` still ticks at 16:40,
        // where it is skipped (and parks).
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--at", "2026-11-02T16:15:00Z");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n  sev1_production #4           pending due 2026-11-02T16:40:00Z  (every 1h since customer_update while not contained)  — skipped when due if no event comes before then: `not contained` does not hold\n");
        Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--at", "2026-11-02T16:41:00Z", "--only", "skipped").Out
            .ShouldContain("2026-11-02T16:40:00Z  skipped   sev1_production #4 (every 1h since customer_update while not contained): skipped, `while` does not hold");
    }

    [Fact]
    public void ABlockedEveryStepGivesItsNextTickAndItsMark()
    {
        // The review's p5: the 14:10 tick's escalation waits for request_id; acknowledged at 14:15, the
        // 14:20 tick is skipped. The state said `blocked` with neither the tick nor the mark.
        using var folder = new LintTempFolder();
        folder.Write("p5.esc", """
            policy "p5" version 1
            owners {
                team  frontline   "Front" reports to commander
                role  commander   "Commander"
                group oncall      "Oncall" engineering reports to commander
            }
            fields {
                request_id text
            }
            severity sev1 "Crit" {
                acknowledge within 15m
            }
            require request_id before escalate
            escalation r for sev1 {
                owner frontline
                every 10m while not acknowledged: escalate to next, notify oncall
            }

            """);
        folder.Write("p5.jsonl", """
            {"ticket":"T","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}
            {"ticket":"T","at":"2026-11-02T14:15:00Z","type":"acknowledged"}

            """);
        string[] explain = ["explain", "p5.esc", "--events", "p5.jsonl", "--at", "+16m"];

        var text = Esc.RunIn(folder.Path, string.Empty, explain);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);

        text.ExitCode.ShouldBe(0, text.Error);
        text.Out.ShouldContain("\n  r #0                         blocked until request_id is set, next tick due 2026-11-02T14:20:00Z  (every 10m while not acknowledged)  — skipped when due if no event comes before then: `not acknowledged` does not hold\n");
        var step = JsonDocument.Parse(json.Out).RootElement.GetProperty("state").GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "r #0");
        step.GetProperty("status").GetString().ShouldBe("blocked");
        step.GetProperty("due").GetString().ShouldBe("2026-11-02T14:20:00Z");
        step.GetProperty("skipReason").GetString().ShouldBe("`not acknowledged` does not hold");
        step.GetProperty("blockReason").GetString().ShouldBe("escalation blocked until request_id is set");
    }

    [Fact]
    public void WhileTheSlaIsPausedTheCustomerUpdateRowStaysMarkedPaused()
    {
        // A trainer's T1: under `pause sla while status == awaiting_customer` every clock said `paused` but the
        // customer update row was gone, in text and in JSON. It stays, and comes back with its due time.
        const string Events = """
            {"ticket":"P1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","issue_type":"network_outage","fields":{"impact":"production"}}
            {"ticket":"P1","at":"2026-11-02T14:10:00Z","type":"first_update"}
            {"ticket":"P1","at":"2026-11-02T14:20:00Z","type":"status","status":"awaiting_customer"}
            {"ticket":"P1","at":"2026-11-02T14:40:00Z","type":"status","status":"in_progress"}

            """;

        var (paused, json) = ExplainSupportState(Events, "--at", "+30m");
        var (resumed, _) = ExplainSupportState(Events);

        paused.ShouldContain("\n  sla mitigate                 paused\n  customer update              paused  (update every 1h until contained)\n");
        var row = Clock(json, "customer update");
        row.GetProperty("status").GetString().ShouldBe("paused");
        row.TryGetProperty("due", out _).ShouldBeFalse();
        resumed.ShouldContain("\n  customer update              pending due 2026-11-02T15:30:00Z  (update every 1h until contained)\n");
    }

    [Fact]
    public void ABlockedStepSaysWhichRequiredFieldIsStillMissing()
    {
        // T2: two of the three fields support.esc requires before escalating an auth_failure arrive after #2's
        // escalation was blocked at 14:30; the row said `blocked` and left the trainee to guess the third.
        var (text, json) = ExplainSupportState("""
            {"ticket":"A1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","issue_type":"auth_failure","fields":{"impact":"production"}}
            {"ticket":"A1","at":"2026-11-02T14:40:00Z","type":"field_set","fields":{"request_id":"r1","occurred_at":"2026-11-02T13:00:00Z"}}

            """);

        text.ShouldContain("\n  sev1_production #2           blocked until client_version is set  (after 30m unless mitigation_planned)\n");
        var step = Clock(json, "sev1_production #2");
        step.GetProperty("status").GetString().ShouldBe("blocked");
        step.GetProperty("blockReason").GetString().ShouldBe("escalation blocked until client_version is set");
    }

    [Fact]
    public void TheCustomerUpdateRowSaysItsUntilEndsItAsTheEveryStepsRowSaysItsWhile()
    {
        // T3: contained at 16:10; at 16:40 the `every ... while not contained` tick is skipped and the cadence
        // `until contained` ends. The step's row said so, the cadence's did not.
        var (text, json) = ExplainSupportState(File.ReadAllText(Path.Combine(RepoPaths.Policies, "events", "sev1-network-outage.jsonl")), "--at", "2026-11-02T16:15:00Z");

        text.ShouldContain("\n  customer update              pending due 2026-11-02T16:40:00Z  (update every 1h until contained)  — skipped when due if no event comes before then: `contained` holds, the cadence ends\n");
        var row = Clock(json, "customer update");
        row.GetProperty("cadence").GetString().ShouldBe("update every 1h until contained");
        row.GetProperty("skipReason").GetString().ShouldBe("`contained` holds, the cadence ends");
    }

    [Fact]
    public void ATargetBreachedUnderAnEarlierSeveritySaysWhichOne()
    {
        // T6: sev1's acknowledge and first_update passed unmet, then the ticket dropped to sev3.
        var (text, json) = ExplainSupportState("""
            {"ticket":"D1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","issue_type":"network_outage","fields":{"impact":"production"}}
            {"ticket":"D1","at":"2026-11-02T14:40:00Z","type":"severity_changed","severity":"sev3"}

            """);

        text.ShouldContain("\n  sla acknowledge              breached under sev1\n  sla first_update             breached under sev1\n  sla resolve                  pending due ");
        var first = Clock(json, "sla first_update");
        first.GetProperty("status").GetString().ShouldBe("breached");
        first.GetProperty("breachedUnder").GetString().ShouldBe("sev1");
    }

    /// <summary>esc explain's state, as text and as JSON, of the one ticket in <paramref name="events"/> under policies/support.esc.</summary>
    private static (string Text, string Json) ExplainSupportState(string events, params string[] options)
    {
        using var folder = new LintTempFolder();
        folder.Write("events.jsonl", events);
        string[] explain = ["explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "events.jsonl", "--only", "state", .. options];
        var text = Esc.RunIn(folder.Path, string.Empty, explain);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);
        text.ExitCode.ShouldBe(0, text.Error);
        json.ExitCode.ShouldBe(0, json.Error);
        return (text.Out, json.Out);
    }

    /// <summary>The state's clock of that name in esc explain's JSON.</summary>
    private static JsonElement Clock(string json, string name) =>
        JsonDocument.Parse(json).RootElement.GetProperty("state").GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}
