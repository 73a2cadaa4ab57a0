using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// Timestamps of a mapped export that carry their own offset (a new user's F6): <c>iso</c> reads the
/// common ISO 8601 and RFC 3339 forms, and a NodaTime pattern may have an offset field.
/// </summary>
public sealed class MappedTimeTests
{
    private const string Header = "Case;Stamp;Action;Prio\n";

    [Fact]
    public void IsoReadsAnExportWhoseTimesHaveASpaceAnOffsetWithoutColonOrNoSeconds()
    {
        var replay = Replay("""{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "iso" }""", """
            C-100;2026-11-09 09:15:00 +01:00;created;sev2
            C-100;2026-11-09 09:22:00+01:00;acknowledged;
            C-100;2026-11-09T09:40:00+0100;customer_update;
            C-100;2026-11-09T10:05+01:00;resolved;
            C-100;2026-11-09 10:30:00.5Z;closed;
            C-101;2026-11-09 25:00:00 +01:00;created;sev2
            C-102;2026-11-09 09:15;created;sev2
            """);

        replay.Events.Select(e => $"{TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}").ShouldBe(
        [
            "created 2026-11-09T08:15:00Z",
            "acknowledged 2026-11-09T08:22:00Z",
            "customer_update 2026-11-09T08:40:00Z",
            "resolved 2026-11-09T09:05:00Z",
            "closed 2026-11-09T10:30:00.500Z",
        ]);
        replay.Problems.ShouldBe(
        [
            "cases.csv:7: Stamp: '2026-11-09 25:00:00 +01:00' is not a time like 2016-02-29T01:16:00Z (iso)",
            "cases.csv:8: Stamp: '2026-11-09 09:15' has no offset, and the mapping gives no timeZone to read such times in; add one, such as \"timeZone\": \"Europe/London\"",
        ]);
    }

    [Fact]
    public void IsoTimesWithoutAnOffsetTakeTheMappingsZone()
    {
        var replay = Replay("""{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeZone": "Europe/Paris" }""", """
            C-100;2026-11-09 09:15;created;sev2
            C-100;2026-11-09 09:22:00 +00:00;acknowledged;
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe(["2026-11-09T08:15:00Z", "2026-11-09T09:22:00Z"]);
    }

    [Fact]
    public void APatternWithAnOffsetNeedsNoZoneAndNamesTheFieldOfABadStamp()
    {
        var replay = Replay("""{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm:ss o<+HH:mm>" }""", """
            C-100;2026-11-09 09:15:00 +01:00;created;sev2
            C-100;2026-11-09 09:22:00 -01:00;acknowledged;
            C-100;2026-11-09 09:40:00;customer_update;
            """);

        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe(["2026-11-09T08:15:00Z", "2026-11-09T10:22:00Z"]);
        replay.Problems.ShouldBe(["cases.csv:4: Stamp: '2026-11-09 09:40:00' is not a time like 2016-02-29 01:16:00 +01:00 (yyyy-MM-dd HH:mm:ss o<+HH:mm>)"]);
    }

    [Fact]
    public void TheTicketsKindReadsMilestonesWithOffsetsToo()
    {
        var mapping = MappingFile.Load(
            """{ "import": "tickets", "ticket": "Ticket", "severity": "Prio", "events": { "created": "Opened", "resolved": "Solved" } }""",
            "tix.json", Policies.Support, null, []).Tickets!;
        using var file = new TempFile(".csv", "Ticket,Prio,Opened,Solved\nT1,sev3,2026-11-09 09:15 +01:00,2026-11-09T11:00:00+0100\n");
        using var source = new TicketExportEventSource(file.Path, "tix.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe(["2026-11-09T08:15:00Z", "2026-11-09T10:00:00Z"]);
    }

    private static Replays Replay(string json, string rows)
    {
        var mapping = MappingFile.Load(json, "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", Header + rows.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        using var source = new MappedCsvEventSource(file.Path, "cases.csv", mapping);
        return Replays.Run(Policies.Support, source);
    }
}
