using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Event ids in event files follow the engine's rule per ticket: a retry is applied once, another event under a used id is a bad row.</summary>
public sealed class EventIdTests
{
    private static readonly string[] Once =
    [
        Line("e1", "A", "14:00", "created", ",\"severity\":\"sev1\",\"fields\":{\"impact\":\"production\",\"impact_confirmed\":\"true\"}"),
        Line("e2", "A", "14:05", "assigned", ",\"owner\":\"network\""),
        Line("e3", "A", "15:00", "closed"),
    ];

    [Fact]
    public void AnEventLoggedTwiceUnderItsIdIsReplayedOnceAndMentioned()
    {
        // The retry of the created event carries its members and fields in another order: the same event.
        string[] twice =
        [
            Once[0],
            Once[1],
            "{\"ticket\":\"A\",\"id\":\"e1\",\"type\":\"created\",\"at\":\"2026-11-02T14:00:00Z\",\"severity\":\"sev1\",\"fields\":{\"impact_confirmed\":\"true\",\"impact\":\"production\"}}",
            Once[1],
            Once[2],
        ];

        var expected = Jsonl(Once);
        var replay = Jsonl(twice, strict: true);

        replay.Problems.ShouldBe(
        [
            "events.jsonl:3: event id 'e1' repeats row 1 (the same event); skipped, as the engine skips a retry",
            "events.jsonl:4: event id 'e2' repeats row 2 (the same event); skipped, as the engine skips a retry",
        ]);
        replay.Result!.StoppedAtBadRow.ShouldBeFalse();
        replay.Result.Report.Input.BadRows.ShouldBe(0);
        replay.Result.Report.Input.Events.ShouldBe(3);
        replay.Events.Count.ShouldBe(3);
        replay.DecisionLines().ShouldBe(expected.DecisionLines());
    }

    [Fact]
    public void AnotherEventUnderAUsedIdIsABadRow()
    {
        string[] lines = [Once[0], Once[1], Line("e2", "A", "14:05", "assigned", ",\"owner\":\"backend\""), Once[2]];

        var replay = Jsonl(lines);
        var strict = Jsonl(lines, strict: true);

        replay.Problems.ShouldBe(["events.jsonl:3: event id 'e2' was already used for another event on row 2 (assigned of ticket 'A' at 2026-11-02T14:05:00Z); give every event its own id, and repeat exactly the same event for a retry"]);
        replay.Result!.Report.Input.BadRows.ShouldBe(1);
        replay.DecisionLines().ShouldBe(Jsonl(Once).DecisionLines());
        strict.Result!.StoppedAtBadRow.ShouldBeTrue();
    }

    [Fact]
    public void AHeldTicketStillKnowsItsIdsAfterItsReplay()
    {
        // Replayed at its close, the ticket is held for a reopen: a retry of its closed event is still one.
        var replay = Jsonl([.. Once, Once[2]]);

        replay.Problems.ShouldBe(["events.jsonl:4: event id 'e3' repeats row 3 (the same event); skipped, as the engine skips a retry"]);
        replay.Events.Count.ShouldBe(3);
    }

    [Fact]
    public void IdsAreForgottenOnceTheirTicketIsReplayed()
    {
        // Ids are remembered per ticket while its events are kept: the engine would refuse T2's ids
        // (409), but a replay that forgot nothing would grow with the file. Documented in docs/simulator.md.
        var mapping = MappingFile.Load(
            """{ "ticket": "tk", "time": "at", "type": "kind", "id": "eid", "severity": "sev", "owner": "team", "contiguous": true }""",
            "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", """
            tk,at,kind,eid,sev,team
            T1,2026-11-02T09:00:00Z,created,e1,sev2,
            T1,2026-11-02T09:05:00Z,assigned,e2,,network
            T1,2026-11-02T09:05:00Z,assigned,e2,,network
            T1,2026-11-02T10:00:00Z,closed,e3,,
            T2,2026-11-02T11:00:00Z,created,e1,sev3,
            T2,2026-11-02T11:05:00Z,assigned,e2,,backend
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        var replay = Replays.Run(Policies.Support, source, strict: true);

        replay.Problems.ShouldBe(["export.csv:4: event id 'e2' repeats row 3 (the same event); skipped, as the engine skips a retry"]);
        replay.Result!.Report.Input.Tickets.ShouldBe(2);
        replay.Events.Count.ShouldBe(5);
    }

    private static string Line(string id, string ticket, string at, string type, string extra = "") =>
        $$"""{"id":"{{id}}","ticket":"{{ticket}}","at":"2026-11-02T{{at}}:00Z","type":"{{type}}"{{extra}}}""";

    private static Replays Jsonl(string[] lines, bool strict = false)
    {
        using var file = new TempFile(".jsonl", string.Concat(lines.Select(l => l + "\n")));
        using var source = new CanonicalEventSource(file.Path, "events.jsonl");
        return Replays.Run(Policies.Support, source, strict);
    }
}
