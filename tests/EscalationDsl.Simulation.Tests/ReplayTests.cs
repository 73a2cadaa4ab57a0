using EscalationDsl.Runtime;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// Replays small hand-written event logs through the real simulator and compares every decision with
/// times worked out by hand from the policy below (Monday 2 November 2026, UTC).
/// </summary>
public sealed class ReplayTests
{
    private const string Policy = """
        policy "replay" version 1
        calendar office "UTC" { hours mon..fri 09:00-17:00 }
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }
        severity high {
            acknowledge within 30m
            resolve     within 4h
        }
        severity low { acknowledge within 2 business hours }
        escalation slow for high {
            owner desk
            after 1h unless acknowledged: escalate to lead
            after 2h: notify lead
        }
        pause sla while status == waiting
        """;

    /// <summary>The policy above, compiled (shared with <see cref="HeldTicketTests"/>).</summary>
    internal static readonly CompiledPolicy Compiled = Policies.Compile(Policy, "replay.esc");

    private static Replays Replay(params string[] lines) => Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);

    private static string E(string at, string type, string extra = "") =>
        $$"""{"ticket":"T1","at":"2026-11-02T{{at}}:00Z","type":"{{type}}"{{extra}}}""";

    [Fact]
    public void DeadlinesBetweenEventsFireAtTheirOwnTime()
    {
        // ack due 10:30 (missed: acknowledged 10:45); escalation at 11:00 skipped (acknowledged); notify at 12:00; resolve due 14:00, met at 13:00.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:45", "acknowledged"),
            E("13:00", "resolved"));
        replay.Problems.ShouldBeEmpty();
        replay.DecisionLines().ShouldBe(
        [
            "2026-11-02T10:30:00Z sla_breach desk [T1/sla/acknowledge/0]",
            "2026-11-02T12:00:00Z notify lead [T1/slow/1/1/0.0]",
        ]);
        var report = replay.Result!.Report;
        report.Response.All.FirstResponse.Median.ShouldBe(45 * 60);
        report.Sla.BySeverity[0].Components["acknowledge"].Breached.ShouldBe(1);
        report.Sla.BySeverity[0].Components["resolve"].Met.ShouldBe(1);
    }

    [Fact]
    public void EventsOfATicketAreSortedBeforeTheReplay()
    {
        var replay = Replay(
            E("13:00", "resolved"),
            E("10:45", "acknowledged"),
            E("10:00", "created", ",\"severity\":\"high\""));
        replay.Events.Select(e => e.Kind.ToString()).ShouldBe(["Created", "Acknowledged", "Resolved"]);
        replay.DecisionLines().Count.ShouldBe(2);
    }

    [Fact]
    public void OpenTicketsAreAdvancedToTheLastInstantOfTheInput()
    {
        // T1 and T2 stay open; T2's last event at 12:30 is the end of the input: the ack breach (10:30), the
        // escalation (11:00) and the notification (12:00) fire, the resolve target (14:00) is still pending.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            """{"ticket":"T2","at":"2026-11-02T12:00:00Z","type":"created","severity":"low"}""",
            """{"ticket":"T2","at":"2026-11-02T12:30:00Z","type":"acknowledged"}""");
        replay.DecisionLines().ShouldBe(
        [
            "2026-11-02T10:30:00Z sla_breach desk [T1/sla/acknowledge/0]",
            "2026-11-02T11:00:00Z escalate lead [T1/slow/0/1/0]",
            "2026-11-02T12:00:00Z notify lead [T1/slow/1/1/0.0]",
        ]);
        var report = replay.Result!.Report;
        report.Tickets.OpenAtEnd.ShouldBe(2);
        report.Period.End.ShouldBe(NodaTime.Instant.FromUtc(2026, 11, 2, 12, 30));
        report.Sla.BySeverity[0].Components["resolve"].Pending.ShouldBe(1);
    }

    [Fact]
    public void PausesPushEveryClockBack()
    {
        // Waiting 10:10-10:40 pauses 30 minutes: ack due 11:00 (met at 10:55), escalation due 11:30 (skipped),
        // notify due 12:30, resolve due 14:30 (met by the close at 14:00).
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:10", "status", ",\"status\":\"waiting\""),
            E("10:40", "status", ",\"status\":\"in_progress\""),
            E("10:55", "acknowledged"),
            E("14:00", "closed"));
        replay.DecisionLines().ShouldBe(["2026-11-02T12:30:00Z notify lead [T1/slow/1/1/0.0]"]);
    }

    [Fact]
    public void SeverityChangesRecomputeTargetsFromCreationAndStartRulesAtTheChange()
    {
        // low: ack due 12:00 (2 business hours). Raised to high at 10:20: ack due 10:30 (from creation), breached;
        // the rule starts at 10:20: escalation due 11:20 (acknowledged at 11:00, skipped), notify due 12:20, but resolved at 11:30.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"low\""),
            E("10:20", "severity_changed", ",\"severity\":\"high\""),
            E("11:00", "acknowledged"),
            E("11:30", "resolved"));
        replay.DecisionLines().ShouldBe(["2026-11-02T10:30:00Z sla_breach desk [T1/sla/acknowledge/0]"]);
        replay.Result!.Report.Sla.BySeverity[0].Key.ShouldBe("high");
        replay.Result.Report.Sla.BySeverity[0].Components["resolve"].Met.ShouldBe(1);
    }

    [Fact]
    public void ReopenRestartsRulesAndTheResolveClock()
    {
        // Resolved 10:30, reopened 11:00: the rule restarts (notify due 13:00; the escalation is skipped,
        // acknowledgement stays), resolve restarts from the reopen (due 15:00), and the close at 16:00 is late.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged"),
            E("10:30", "resolved"),
            E("11:00", "reopened"),
            E("16:00", "closed"));
        replay.DecisionLines().ShouldBe(
        [
            "2026-11-02T13:00:00Z notify lead [T1/slow/1/1/0.0]",
            "2026-11-02T15:00:00Z sla_breach desk [T1/sla/resolve/1]",
        ]);
        var report = replay.Result!.Report;
        report.Tickets.Reopened.ShouldBe(1);
        report.Load.All.Peak.ShouldBe(1);
    }

    [Fact]
    public void AReopenAfterTheCloseContinuesTheClosedTicket()
    {
        // Closed 10:30 and replayed at once; the reopen at 11:00 (later in the file) picks the ticket up
        // again: the rule restarts (notify due 13:00) and the resolve clock runs from the reopen (due 15:00).
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged"),
            E("10:30", "closed"),
            E("11:00", "reopened"),
            E("10:20", "customer_update"),
            E("16:00", "closed"),
            E("10:00", "created", ",\"severity\":\"high\""));
        replay.DecisionLines().ShouldBe(
        [
            "2026-11-02T13:00:00Z notify lead [T1/slow/1/1/0.0]",
            "2026-11-02T15:00:00Z sla_breach desk [T1/sla/resolve/1]",
        ]);
        replay.Problems.ShouldBe(
        [
            "events.jsonl:5: ticket 'T1': this customer_update event at 2026-11-02T10:20:00Z comes before 2026-11-02T10:30:00Z, when the ticket was closed and already replayed",
            "events.jsonl:7: ticket 'T1' already has a created event (row 1); a ticket is created once",
        ]);
        var report = replay.Result!.Report;
        report.Input.Tickets.ShouldBe(1);
        report.Tickets.Reopened.ShouldBe(1);
        report.Tickets.Resolved.ShouldBe(1);
    }

    [Fact]
    public void AReopenAfterThousandsOfOtherClosesIsABadRow()
    {
        // 4,096 closed tickets are kept for a reopen; T0 is the oldest of 4,097, so it was reported.
        var lines = new List<string>();
        for (var i = 0; i <= 4_096; i++)
        {
            lines.Add($$"""{"ticket":"T{{i}}","at":"2026-11-02T10:00:00Z","type":"created","severity":"low"}""");
            lines.Add($$"""{"ticket":"T{{i}}","at":"2026-11-02T10:10:00Z","type":"closed"}""");
        }

        lines.Add("""{"ticket":"T0","at":"2026-11-02T11:00:00Z","type":"reopened"}""");
        lines.Add("""{"ticket":"T1","at":"2026-11-02T11:00:00Z","type":"reopened"}""");
        var replay = Replay([.. lines]);
        replay.Problems.ShouldBe(["events.jsonl:8195: ticket 'T0' was closed, replayed and reported before this event: 4,096 other tickets closed after it (docs/simulator.md)"]);
        replay.Result!.Report.Tickets.Reopened.ShouldBe(1);
    }

    [Fact]
    public void AReopenedTicketThatNeverClosesAgainIsReportedOpenAtTheEnd()
    {
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged"),
            E("10:30", "closed"),
            E("11:00", "reopened"),
            E("17:00", "customer_update"));
        replay.Result!.Report.Tickets.OpenAtEnd.ShouldBe(1);
        replay.DecisionLines().ShouldContain("2026-11-02T15:00:00Z sla_breach desk [T1/sla/resolve/1]");
    }

    [Fact]
    public void AnEventTimeOutsideTheSpanEscHandlesIsABadRow()
    {
        var replay = Replay(
            """{"ticket":"T9","at":"9999-12-31T23:00:00Z","type":"created","severity":"high"}""",
            E("10:00", "created", ",\"severity\":\"high\""));
        replay.Problems.ShouldBe(["events.jsonl:1: at: 9999-12-31T23:00:00Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)"]);
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void AMemberTheTypeDoesNotApplyIsABadRowWhenThePolicyDoesNotKnowItsValue()
    {
        // As the engine answers it (400): a snapshot of valid values replays, a typo is not ignored.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged", ",\"severity\":\"hihg\""),
            E("10:06", "acknowledged", ",\"severity\":\"low\""));
        replay.Problems.ShouldBe(["events.jsonl:2: severity: 'hihg' is not a severity of policy 'replay' (high, low); an acknowledged event does not apply its severity (created and severity_changed events do), but a value it carries must still be valid"]);
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void EventsWithoutACreatedEventAreBadRows()
    {
        var replay = Replay(
            """{"ticket":"T9","at":"2026-11-02T10:00:00Z","type":"acknowledged"}""",
            E("10:00", "created", ",\"severity\":\"urgent\""),
            E("10:00", "created", ",\"severity\":\"high\""),
            E("09:00", "acknowledged"));
        replay.Problems.ShouldBe(
        [
            "events.jsonl:2: severity: 'urgent' is not a severity of policy 'replay' (high, low)",
            "events.jsonl:1: ticket 'T9' has no created event; a ticket starts with created",
            "events.jsonl:4: ticket 'T1': this acknowledged event at 2026-11-02T09:00:00Z comes before the ticket was created (2026-11-02T10:00:00Z)",
        ]);
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void FromAndToKeepTicketsCreatedInTheWindow()
    {
        var replay = Replays.Canonical(".jsonl", string.Join("\n",
            E("10:00", "created", ",\"severity\":\"high\""),
            """{"ticket":"T2","at":"2026-11-03T10:00:00Z","type":"created","severity":"high"}""",
            """{"ticket":"T2","at":"2026-11-03T10:10:00Z","type":"acknowledged"}""") + "\n",
            Compiled,
            new Replay.SimulationOptions { From = NodaTime.Instant.FromUtc(2026, 11, 3, 0, 0) });
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
        replay.Result.Report.Input.FilteredTickets.ShouldBe(1);
        replay.Events.ShouldAllBe(e => e.TicketId == "T2");
    }
}
