using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Exports with one row per ticket and a timestamp column per milestone (<c>"import": "tickets"</c>).</summary>
public sealed class TicketExportTests
{
    private static readonly string ExampleCsv = RepoPaths.Combine("policies", "events", "ticket-export.csv");

    /// <summary>A mapping for the synthetic exports below: ISO times, every milestone a row can give but first_update.</summary>
    private const string Synthetic = """
        { "import": "tickets", "ticket": "id",
          "events": { "created": "opened", "acknowledged": "replied", "assigned": "assigned", "resolved": "solved", "closed": "closed" },
          "severity": { "column": "prio", "values": { "P1": "sev1", "P2": "sev2", "P3": "sev3" } },
          "owner": { "column": "team", "values": { "Desk": "frontline", "Net": "network" } },
          "engineering": "eng" }
        """;

    private const string Header = "id,prio,team,eng,opened,replied,assigned,solved,closed";

    private static TicketMapping Example() =>
        MappingFile.Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "ticket-export.json")), "ticket-export.json", Policies.Support, null, []).Tickets!;

    private static TicketMapping Load(string json) => MappingFile.Load(json, "map.json", Policies.Support, null, []).Tickets!;

    private static Replays Replay(string csv, string json = Synthetic, bool strict = false)
    {
        using var file = new TempFile(".csv", csv.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new TicketExportEventSource(file.Path, "export.csv", Load(json));
        return Replays.Run(Policies.Support, source, strict);
    }

    [Fact]
    public void ExampleExportMapsToGoldenEvents()
    {
        using var source = new TicketExportEventSource(ExampleCsv, "ticket-export.csv", Example());
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", "ticket-export-events.txt"), RecordLines.Of(source.Read(), _ => true));
    }

    [Fact]
    public void ExampleTicketReadsAsHandChecked()
    {
        // 4711,VPN down,Urgent,incident,Network,Outage,Network,alice,2026-10-05 09:12,09:30,09:41,13:02,2026-10-07 13:02 (New York, EDT: UTC-4).
        using var source = new TicketExportEventSource(ExampleCsv, "ticket-export.csv", Example());
        var records = source.Read().Where(r => r.TicketId == "4711").ToList();

        records.Select(r => r.Event is { } e ? $"{TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}" : $"end at row {r.Row}").ShouldBe(
        [
            "created 2026-10-05T13:12:00Z",
            "acknowledged 2026-10-05T13:30:00Z",
            "assigned 2026-10-05T13:41:00Z",
            "resolved 2026-10-05T17:02:00Z",
            "closed 2026-10-07T17:02:00Z",
            "end at row 4",
        ]);
        var created = records[0].Event!;
        (created.Severity, created.IssueType, created.Owner).ShouldBe(("sev1", "network_outage", "network"));
        created.Fields.ShouldBe([KeyValuePair.Create("impact", "production")]);
        records[2].Event!.Owner.ShouldBe("network");
        records.Select(r => r.Queue).ShouldBe(["Network", null, "Network", null, null, null]);
        records.Take(5).Select(r => r.Category).ShouldAllBe(c => c == "Network");
    }

    [Fact]
    public void ARowsMilestonesComeInTimeOrderAndAnEmptyCellIsOneThatDidNotHappen()
    {
        // T1 was assigned before its first reply, and solved and closed at the same minute; T2 has no reply and no assignment.
        var replay = Replay($"""
            {Header}
            T1,P2,Net,true,2026-11-02T09:00:00Z,2026-11-02T09:40:00Z,2026-11-02T09:10:00Z,2026-11-02T11:00:00Z,2026-11-02T11:00:00Z
            T2,P3,Desk,,2026-11-02T10:00:00Z,,,2026-11-03T10:00:00Z,
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => $"{e.TicketId} {TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}").ShouldBe(
        [
            "T1 created 2026-11-02T09:00:00Z",
            "T1 assigned 2026-11-02T09:10:00Z",
            "T1 acknowledged 2026-11-02T09:40:00Z",
            "T1 resolved 2026-11-02T11:00:00Z",
            "T1 closed 2026-11-02T11:00:00Z",
            "T2 created 2026-11-02T10:00:00Z",
            "T2 resolved 2026-11-03T10:00:00Z",
        ]);
        replay.Events.Where(e => e.Kind is TicketEventKind.Created or TicketEventKind.Assigned).Select(e => $"{e.Owner} {e.Engineering}")
            .ShouldBe(["network False", "network True", "frontline False"]);
        replay.Result!.Report.Input.Tickets.ShouldBe(2);
    }

    [Fact]
    public void BadRowsNameTheColumnAndSkipTheTicket()
    {
        var replay = Replay($"""
            {Header}
            T1,P1,Desk,,,2026-11-02T09:40:00Z,,,
            T2,P1,Desk,,2026-11-02 09:00,,,,
            T3,P1,Desk,,2026-11-02T09:00:00Z,soon,,,
            T4,P1,Desk,,2026-11-02T09:00:00Z,2026-11-02T08:55:00Z,,,
            T5,P1,Desk,,2026-11-02T09:00:00Z,,,,
            T5,P1,Desk,,2026-11-02T09:05:00Z,,,,
            T6,Critical,Desk,,2026-11-02T09:00:00Z,2026-11-02T09:10:00Z,2026-11-02T09:20:00Z,2026-11-02T10:00:00Z,
            T7,P1,Net,Alice,2026-11-02T09:00:00Z,,2026-11-02T09:20:00Z,,
            T8,P1,Desk,,1969-12-31T23:00:00Z,,,,
            ,P1,Desk,,2026-11-02T09:00:00Z,,,,
            T9,P1,Desk
            T10,P2,Net,Alice,2026-11-02T09:00:00Z,,,2026-11-02T10:00:00Z,
            T11,P2,,,2026-11-02T09:00:00Z,,2026-11-02T09:30:00Z,,
            T12,P2,Desk,,2026-11-02T09:00:00Z,,,2026-11-02T11:00:00Z,2026-11-02T10:00:00Z
            """);

        replay.Problems.ShouldBe(
        [
            "export.csv:2: opened: no value; ticket 'T1' cannot be created without its creation time and is skipped",
            "export.csv:3: opened: '2026-11-02 09:00' has no offset, and the mapping gives no timeZone to read such times in; add one, such as \"timeZone\": \"Europe/London\"; ticket 'T2' is skipped",
            "export.csv:4: replied: 'soon' is not a time like 2016-02-29T01:16:00Z (iso); ticket 'T3' is skipped",
            "export.csv:5: replied: '2026-11-02T08:55:00Z' is before the ticket was created (opened: '2026-11-02T09:00:00Z'); ticket 'T4' is skipped: correct the export, or leave the cell empty if the ticket was never acknowledged",
            "export.csv:7: id: ticket 'T5' has a row already (row 6); a ticket export has one row per ticket, so this row is skipped",
            "export.csv:8: prio (severity): 'Critical' is not a severity of policy 'support' (sev1, sev2, sev3)",
            "export.csv:9: eng: 'Alice' is not true or false; map it under \"engineering\" in a mapping file, with \"values\" or a \"default\" (docs/importers.md)",
            "export.csv:10: opened: '1969-12-31T23:00:00Z' (1969-12-31T23:00:00Z) is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC); ticket 'T8' is skipped",
            "export.csv:11: id: no value; the row belongs to no ticket",
            "export.csv:12: expected 9 columns, found 3; write an empty cell (nothing between two commas) for each column the row does not give",
            "export.csv:14: team: no value, but assigned says the ticket was assigned; ticket 'T11' is skipped: an assignment needs its owner",
            "export.csv:15: closed: '2026-11-02T10:00:00Z' is before the ticket was resolved (solved: '2026-11-02T11:00:00Z'); ticket 'T12' is skipped: correct the export",
        ]);

        // Each bad row counts once (T6's refused created takes its other events with it); engineering is read only where there is an assignment.
        replay.Result!.BadRows.ShouldBe(12);
        replay.Result.Report.Input.Tickets.ShouldBe(2);
        replay.Events.Select(e => e.TicketId).Distinct().ShouldBe(["T5", "T10"]);
    }

    [Fact]
    public void StrictStopsAtTheFirstBadRow()
    {
        var replay = Replay($"""
            {Header}
            T1,P1,Desk,,2026-11-02T09:00:00Z,2026-11-02T08:00:00Z,,,
            T2,P1,Desk,,2026-11-02T09:00:00Z,,,,
            """, strict: true);

        replay.Problems.Count.ShouldBe(1);
        replay.Result!.StoppedAtBadRow.ShouldBeTrue();
        replay.Result.Report.Input.Tickets.ShouldBe(0);
    }

    [Fact]
    public void AGzipExportReadsAsThePlainOne()
    {
        var gz = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.csv.gz");
        try
        {
            using (var output = File.Create(gz))
            using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
            using (var plain = File.OpenRead(ExampleCsv))
            {
                plain.CopyTo(zip);
            }

            using var compressed = new TicketExportEventSource(gz, "ticket-export.csv.gz", Example());
            using var source = new TicketExportEventSource(ExampleCsv, "ticket-export.csv", Example());
            RecordLines.Of(compressed.Read(), _ => true).ShouldBe(RecordLines.Of(source.Read(), _ => true));
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void TheReportSaysWhatATicketExportCannotTell()
    {
        using var source = new TicketExportEventSource(ExampleCsv, "ticket-export.csv", Example());
        var report = Replays.Run(Policies.Support, source).Result!.Report;

        report.Caveats.ShouldBe(
        [
            "A ticket export holds each ticket's values as it ended: severity, issue type, owner and fields are taken as they were at the end, from creation on; changes in between (a severity raised, a reassignment) cannot be seen.",
            "It holds no status history, so pauses on the status (pause sla while status == ...) never start and time spent waiting on the customer counts against the targets.",
            "It holds one time per milestone: a reopened ticket shows one resolution and no reopen, and mitigation is not recorded, so mitigate is met only by resolution.",
            "It holds no customer updates (no column is mapped to first_update), so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.",
        ]);
        report.Sla.Unobserved.ShouldBe(["first_update", "mitigate"]);
        report.CustomerUpdates.Observed.ShouldBeFalse();
    }

    [Fact]
    public void TheCaveatsFollowTheMilestonesTheMappingDates()
    {
        var mapping = Load("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened", "first_update": "replied", "resolved": "solved" } }""");
        using var source = new TicketExportEventSource(ExampleCsv, "export.csv", mapping);

        source.Unobserved.Order(StringComparer.Ordinal).ShouldBe(["acknowledge", "mitigate", "update"]);
        source.Caveats.Skip(3).ShouldBe(
        [
            "It holds no customer update after the first, so the update cadence never runs: its figures show what the policy would report, not what support did.",
            "No column is mapped to acknowledged, so acknowledge is met only by resolution.",
            "No column is mapped to assigned, so recorded assignments are not seen: assign is met only by the policy's own assignments to engineering, or by resolution.",
        ]);
    }

    [Fact]
    public void RecentValuesForgetTheOldestIdsPastTheBoundAndKeepTheFirstRowOfAnId()
    {
        // The reader's memory of ticket ids follows the bound, not the tickets: the oldest ids are forgotten.
        var recent = new RecentValues<long>(3);
        recent.Add("a", 2);
        recent.Add("b", 3);
        recent.Add("a", 4);
        recent.Add("c", 5);
        recent.Add("d", 6);

        recent.TryGetValue("a", out _).ShouldBeFalse();
        recent.TryGetValue("b", out var b).ShouldBeTrue();
        b.ShouldBe(3);
        recent.TryGetValue("d", out var d).ShouldBeTrue();
        d.ShouldBe(6);
    }

    [Theory]
    [InlineData("""{ "import": "tickets", "ticket": "id" }""", "map.json: events: required: an object of event types to the columns that date them, such as { \"created\": \"Created at\", \"resolved\": \"Solved at\" } (created, acknowledged, first_update, assigned, resolved, closed)")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": ["opened"] }""", "map.json: events: must be an object of event types to the columns that date them, such as { \"created\": \"Created at\", \"resolved\": \"Solved at\" } (created, acknowledged, first_update, assigned, resolved, closed)")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "resolved": "solved" } }""", "map.json: events.created: required: the column that holds when the ticket was created (a ticket starts with created)")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened", "solved": "solved" } }""", "map.json: events.solved: 'solved' is not an event type; a ticket export maps created, acknowledged, first_update, assigned, resolved, closed; did you mean resolved?")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened", "reopened": "reopened at" } }""", "map.json: events.reopened: a ticket row cannot give reopened events: it holds one value per column, as the ticket ended, and one time per milestone; a ticket export maps created, acknowledged, first_update, assigned, resolved, closed")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened", "resolved": { "column": "solved" } } }""", "map.json: events.resolved: must be a column name (a string); only keys that map values (severity, issueType, owner, engineering, type, flag, status and fields) take the object { \"column\": ..., \"values\": ... } (docs/importers.md)")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "" } }""", "map.json: events.created: must not be empty")]
    [InlineData("""{ "import": "tickets", "ticket": { "column": "id" }, "events": { "created": "opened" } }""", "map.json: ticket: must be a column name (a string); only keys that map values (severity, issueType, owner, engineering, type, flag, status and fields) take the object { \"column\": ..., \"values\": ... } (docs/importers.md)")]
    [InlineData("""{ "import": "tickets", "events": { "created": "opened" } }""", "map.json: ticket: required: the column that holds the ticket id")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened", "assigned": "assigned at" } }""", "map.json: events.assigned: an assignment needs its owner: map the column that names it under \"owner\" (or leave assigned out)")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "time": "at", "events": { "created": "opened" } }""", "map.json: time: unknown key for a 'tickets' mapping; the keys are: import, separator, missing, timeZone, timeFormat, severity, issueType, owner, engineering, queue, category, fields, ticket, events, timeZoneColumn")]
    [InlineData("""{ "import": "tickets", "ticket": "id", "events": { "created": "opened" }, "timeFormat": "dd/MM/yyyy HH:mm" }""", "map.json: timeZone: required with timeFormat 'dd/MM/yyyy HH:mm': local times need a zone, such as \"Europe/London\" or \"UTC\"")]
    public void BadTicketMappingsAreRefusedWithTheKeyAndTheFix(string json, string expected)
    {
        Should.Throw<MappingException>(() => Load(json)).Message.ShouldBe(expected);
    }

    [Fact]
    public void TheCommonKeysReadAsForCsv()
    {
        var mapping = Example();

        mapping.Events.Select(m => $"{TicketEventKinds.Name(m.Kind)}<-{m.Column}").ShouldBe(
            ["created<-Created at", "acknowledged<-First reply at", "assigned<-Assigned at", "resolved<-Solved at", "closed<-Closed at"]);
        mapping.Severity!.Map("Low").ShouldBe("sev3");
        mapping.IssueType!.Map("Billing").ShouldBe("other");
        mapping.Owner!.Map("Security").ShouldBe("security");
        mapping.Fields.Select(f => f.Field).ShouldBe(["impact"]);
        mapping.Layout.Zone!.Id.ShouldBe("America/New_York");
    }
}
