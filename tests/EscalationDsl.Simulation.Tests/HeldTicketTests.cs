using EscalationDsl.Runtime;
using EscalationDsl.Simulation.Replay;
using NodaTime;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Canonical files: a ticket replayed at its close continues after a reopen, whatever the file order; only tickets closed and idle while 4,096 others close are reported early.</summary>
public sealed class HeldTicketTests
{
    private static readonly CompiledPolicy Compiled = ReplayTests.Compiled;

    private static string E(string ticket, string at, string type, string extra = "") =>
        $$"""{"ticket":"{{ticket}}","at":"2026-11-02T{{at}}:00Z","type":"{{type}}"{{extra}}}""";

    [Fact]
    public void AReopenedTicketStillOpenWhenThousandsOfOthersCloseKeepsItsLaterEvents()
    {
        // T0 is reopened at 11:00 (continued, as documented) and closed again at 12:00, but 4,096 other
        // tickets close in between in the file.
        var lines = new List<string>
        {
            E("T0", "10:00", "created", ",\"severity\":\"high\""),
            E("T0", "10:05", "acknowledged"),
            E("T0", "10:30", "closed"),
            E("T0", "11:00", "reopened"),
        };
        for (var i = 1; i <= 4_096; i++)
        {
            lines.Add(E($"X{i}", "10:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"X{i}", "10:10", "closed"));
        }

        lines.Add(E("T0", "12:00", "closed"));
        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Tickets.OpenAtEnd.ShouldBe(0);
    }

    [Fact]
    public void AReopenOfATicketOutsideFromToIsNotABadRow()
    {
        var lines = new[]
        {
            E("T1", "08:00", "created", ",\"severity\":\"high\""),
            E("T1", "08:30", "closed"),
            E("T1", "09:30", "reopened"),
            E("T1", "10:00", "closed"),
        };
        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled,
            new SimulationOptions { From = Instant.FromUtc(2026, 11, 2, 9, 0) });
        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Input.FilteredTickets.ShouldBe(1);
    }

    [Fact]
    public void AReopenOfATicketOutsideFromToDoesNotStopStrictMode()
    {
        var lines = new[]
        {
            E("T1", "08:00", "created", ",\"severity\":\"high\""),
            E("T1", "08:30", "closed"),
            E("T1", "09:30", "reopened"),
            E("T1", "10:00", "closed"),
        };
        using var file = new TempFile(".jsonl", string.Join("\n", lines) + "\n");
        using var source = new EscalationDsl.Simulation.Sources.CanonicalEventSource(file.Path, "events.jsonl");
        var replay = Replays.Run(Compiled, source, strict: true, options: new SimulationOptions { From = Instant.FromUtc(2026, 11, 2, 9, 0) });
        replay.Result!.StoppedAtBadRow.ShouldBeFalse();
    }

    [Fact]
    public void AReopenReadBeforeTheCloseItFollowsDoesNotLoseTheLaterClose()
    {
        // Canonical files need not be in time order: the reopen (11:00) is read before the close (10:30).
        var lines = new[]
        {
            E("T1", "10:00", "created", ",\"severity\":\"high\""),
            E("T1", "10:05", "acknowledged"),
            E("T1", "11:00", "reopened"),
            E("T1", "10:30", "closed"),
            E("T1", "12:00", "closed"),
        };
        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Tickets.OpenAtEnd.ShouldBe(0);
    }

    [Fact]
    public void ATicketClosedAgainIsKeptWhileTheNext4096TicketsClose()
    {
        var lines = new List<string>
        {
            E("T0", "10:00", "created", ",\"severity\":\"high\""),
            E("T0", "10:30", "closed"),
        };
        for (var i = 1; i <= 4_000; i++)
        {
            lines.Add(E($"X{i}", "10:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"X{i}", "10:10", "closed"));
        }

        lines.Add(E("T0", "11:00", "reopened"));
        lines.Add(E("T0", "11:30", "closed"));
        for (var i = 1; i <= 100; i++)
        {
            lines.Add(E($"Y{i}", "10:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"Y{i}", "10:10", "closed"));
        }

        // Only 100 tickets closed after T0's second close.
        lines.Add(E("T0", "12:00", "reopened"));
        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void MemoryFollowsTheTicketsKeptNotTheLengthOfTheHistory()
    {
        // 10,000 tickets opened and closed one after the other: at most the 4,096 closed ones kept
        // for a reopen, plus the one being read.
        var lines = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            lines.Add(E($"T{i}", "10:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"T{i}", "10:10", "closed"));
        }

        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Result!.Report.Input.Tickets.ShouldBe(10_000);
        replay.Result.PeakTicketsKept.ShouldBe(4_097);
    }

    [Fact]
    public void TicketsOutsideFromToAreForgottenAtTheirClose()
    {
        var lines = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            lines.Add(E($"T{i}", "08:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"T{i}", "08:10", "closed"));
        }

        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled,
            new SimulationOptions { From = Instant.FromUtc(2026, 11, 2, 9, 0) });
        replay.Result!.Report.Input.FilteredTickets.ShouldBe(1_000);
        replay.Result.PeakTicketsKept.ShouldBe(1);
    }

    [Fact]
    public void AClosedRowReadBeforeItsCreatedRowIsKept()
    {
        var lines = new[]
        {
            E("B", "15:00", "closed"),
            E("B", "14:00", "created", ",\"severity\":\"high\""),
            E("B", "16:00", "reopened"),
            E("B", "17:00", "closed"),
        };
        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => e.Kind.ToString()).ShouldBe(["Created", "Closed", "Reopened", "Closed"]);
        replay.Result!.Report.Tickets.ShouldSatisfyAllConditions(
            t => t.Resolved.ShouldBe(1),
            t => t.Reopened.ShouldBe(1),
            t => t.OpenAtEnd.ShouldBe(0));
    }

    [Fact]
    public void TicketsWhoseCreatedRowIsMissingAreGivenUpSoMemoryStaysBounded()
    {
        // An export that starts mid-history: 10,000 tickets closed with no created row.
        var lines = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            lines.Add(E($"T{i}", "10:05", "acknowledged"));
            lines.Add(E($"T{i}", "10:10", "closed"));
        }

        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems.Count.ShouldBe(20_000);
        replay.Problems[0].ShouldBe("events.jsonl:1: ticket 'T0' has no created event; a ticket starts with created");
        replay.Result!.PeakTicketsKept.ShouldBeLessThanOrEqualTo(4_097);
    }

    [Fact]
    public void AnEventForAReportedTicketIsNamedAsSuchEvenWhenManyTicketsFollow()
    {
        var lines = new List<string>();
        for (var i = 0; i <= 4_096; i++)
        {
            lines.Add(E($"T{i}", "10:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"T{i}", "10:10", "closed"));
        }

        lines.Add(E("T0", "11:00", "reopened"));
        lines.Add(E("T0", "11:30", "closed"));
        for (var i = 0; i < 70_000; i++)
        {
            lines.Add(E($"U{i}", "12:00", "created", ",\"severity\":\"low\""));
            lines.Add(E($"U{i}", "12:10", "closed"));
        }

        var replay = Replays.Canonical(".jsonl", string.Join("\n", lines) + "\n", Compiled);
        replay.Problems[0].ShouldBe("events.jsonl:8195: ticket 'T0' was closed, replayed and reported before this event: 4,096 other tickets closed after it (docs/simulator.md)");
    }
}
