using EscalationDsl.Runtime;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// Canonical files, a ticket's rows out of time order: the replay at the close applies events up to the
/// close, and those dated after it wait, so a reopen dated between them is applied in time order, as
/// <c>esc explain</c> applies it (the expected decisions are worked out by hand from
/// <see cref="ReplayTests.Compiled"/>, and are what explain prints for the same rows).
/// </summary>
public sealed class EventsAfterTheCloseTests
{
    private static readonly CompiledPolicy Compiled = ReplayTests.Compiled;

    private static Replays Replay(params string[] lines) => Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);

    private static string E(string at, string type, string extra = "") => Of("T1", at, type, extra);

    private static string Of(string ticket, string at, string type, string extra = "") =>
        $$"""{"ticket":"{{ticket}}","at":"2026-11-02T{{at}}:00Z","type":"{{type}}"{{extra}}}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AReopenDatedAfterTheCloseIsAppliedWhenALaterDatedRowWasReadFirst(bool closedAgain)
    {
        // Closed 10:30, reopened 11:00: the rule restarts (the escalation is skipped, acknowledged; notify
        // due 13:00), resolve restarts from the reopen (due 15:00, breached); the 17:00 update changes
        // nothing. Closed again at 16:00, or open at the end (advanced to 17:00, the latest event).
        string[] lines =
        [
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged"),
            E("17:00", "customer_update"),
            E("10:30", "closed"),
            E("11:00", "reopened"),
            .. closedAgain ? [E("16:00", "closed")] : Array.Empty<string>(),
        ];
        var replay = Replay(lines);
        replay.Problems.ShouldBeEmpty();
        replay.DecisionLines().ShouldBe(
        [
            "2026-11-02T13:00:00Z notify lead [T1/slow/1/1/0.0]",
            "2026-11-02T15:00:00Z sla_breach desk [T1/sla/resolve/1]",
        ]);
        replay.Events.Select(e => e.At.ToString()[11..16]).ShouldBe(closedAgain
            ? ["10:00", "10:05", "10:30", "11:00", "16:00", "17:00"]
            : ["10:00", "10:05", "10:30", "11:00", "17:00"]);
        replay.Result!.Report.Tickets.ShouldSatisfyAllConditions(
            t => t.Reopened.ShouldBe(1),
            t => t.OpenAtEnd.ShouldBe(closedAgain ? 0 : 1));
    }

    [Fact]
    public void ASecondCloseDatedAfterTheFirstIsAppliedWhenALaterDatedRowWasReadFirst()
    {
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("10:05", "acknowledged"),
            E("12:00", "customer_update"),
            E("10:30", "closed"),
            E("11:00", "closed"));
        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Input.ReplayedEvents.ShouldBe(5);
        replay.Result.Report.Tickets.Resolved.ShouldBe(1);
    }

    [Fact]
    public void AnEventDatedBeforeTheReplayedCloseNamesTheClose()
    {
        // The close (10:30) is the instant the late row is compared with, not the later-dated 12:00 row.
        var replay = Replay(
            E("10:00", "created", ",\"severity\":\"high\""),
            E("12:00", "customer_update"),
            E("10:30", "closed"),
            E("10:20", "acknowledged"));
        replay.Problems.ShouldBe(["events.jsonl:4: ticket 'T1': this acknowledged event at 2026-11-02T10:20:00Z comes before 2026-11-02T10:30:00Z, when the ticket was closed and already replayed"]);
        replay.Result!.Report.Input.ReplayedEvents.ShouldBe(3);
    }

    [Fact]
    public void ClosedTicketsWithRowsDatedAfterTheCloseAreStillForgotten()
    {
        // 10,000 tickets, each with an update dated after its close, read before it or after it:
        // only the 4,096 closed ones are kept for a reopen, plus the one being read.
        foreach (var updateFirst in new[] { true, false })
        {
            var lines = new List<string>();
            for (var i = 0; i < 10_000; i++)
            {
                lines.Add(Of($"T{i}", "10:00", "created", ",\"severity\":\"low\""));
                var update = Of($"T{i}", "12:00", "customer_update");
                var close = Of($"T{i}", "10:10", "closed");
                lines.AddRange(updateFirst ? [update, close] : [close, update]);
            }

            var replay = Replay([.. lines]);
            replay.Problems.ShouldBeEmpty();
            replay.Result!.Report.Input.ReplayedEvents.ShouldBe(30_000);
            replay.Result.PeakTicketsKept.ShouldBe(4_097);
        }
    }
}
