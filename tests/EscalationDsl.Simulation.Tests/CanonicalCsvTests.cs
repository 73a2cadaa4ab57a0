using System.Text.Json;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Simulation.Sources;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

public sealed class CanonicalCsvTests
{
    [Fact]
    public void CsvAndJsonLinesOfTheExampleOutageAreTheSameEvents()
    {
        using var csv = new CanonicalEventSource(RepoPaths.Combine("policies", "events", "sev1-network-outage.csv"), "outage.csv");
        using var jsonl = new CanonicalEventSource(RepoPaths.Combine("policies", "events", "sev1-network-outage.jsonl"), "outage.jsonl");
        var fromCsv = csv.Read().Select(r => ServiceNowImporterTests.Json(r.Event!)).ToList();
        var fromJson = jsonl.Read().Select(r => ServiceNowImporterTests.Json(r.Event!)).ToList();
        fromCsv.Count.ShouldBe(9);
        fromCsv.ShouldBe(fromJson);
    }

    [Fact]
    public void WrittenRowsReadBackAsTheSameEvents()
    {
        using var jsonl = new CanonicalEventSource(RepoPaths.Combine("policies", "events", "sev1-network-outage.jsonl"), "outage.jsonl");
        var events = jsonl.Read().Select(r => r.Event!).ToList();
        string[] fields = ["impact", "impact_confirmed", "next_update", "root_cause"];
        var writer = new StringWriter { NewLine = "\n" };
        CanonicalCsv.WriteHeader(writer, fields);
        foreach (var e in events)
        {
            CanonicalCsv.WriteRow(writer, e, fields);
        }

        using var file = new TempFile(".csv", writer.ToString());
        using var back = new CanonicalEventSource(file.Path, "back.csv");
        back.Read().Select(r => ServiceNowImporterTests.Json(r.Event!)).ShouldBe(events.Select(ServiceNowImporterTests.Json));
    }

    [Fact]
    public void TheServiceNowSubsetReadsBackAsTheSameEventsFromCsvAndFromJsonLines()
    {
        // The import sets issue_type with field_set events when a category changes: CSV wrote them
        // with the value lost, and reading the file back refused 5 rows and changed byIssueType.
        using var import = new ServiceNowEventSource(Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv"), "first1000.csv", MappingFile.DefaultServiceNow(Policies.Support));
        var imported = Replays.Run(Policies.Support, import).Events;
        imported.Count(e => e.Kind == TicketEventKind.FieldSet && e.Fields!.Any(f => f.Key == "issue_type")).ShouldBeGreaterThan(0);

        var fromCsv = ReadBack(".csv", imported);
        var fromJson = ReadBack(".jsonl", imported);

        fromCsv.Problems.ShouldBeEmpty();
        fromJson.Problems.ShouldBeEmpty();
        fromCsv.Events.Count.ShouldBe(imported.Count);
        fromJson.Events.Count.ShouldBe(imported.Count);
        for (var i = 0; i < imported.Count; i++)
        {
            EventIds.Same(fromCsv.Events[i], imported[i]).ShouldBeTrue($"CSV event {i}: {ServiceNowImporterTests.Json(fromCsv.Events[i])} is not {ServiceNowImporterTests.Json(imported[i])}");
            EventIds.Same(fromJson.Events[i], imported[i]).ShouldBeTrue($"JSON event {i}: {ServiceNowImporterTests.Json(fromJson.Events[i])} is not {ServiceNowImporterTests.Json(imported[i])}");
        }

        WithoutInput(fromCsv).ShouldBe(WithoutInput(fromJson));
    }

    [Fact]
    public void FieldSetRowsCarryIssueTypeAndStatusInThoseColumns()
    {
        var replay = Replays.Canonical(".jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2","issue_type":"database"}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"issue_type":"other"}}
            {"ticket":"T1","at":"2026-11-02T14:06:00Z","type":"field_set","fields":{"status":"awaiting_customer","impact":"minor"}}
            {"ticket":"T1","at":"2026-11-02T14:07:00Z","type":"status","status":"in_progress"}
            {"ticket":"T1","at":"2026-11-02T14:08:00Z","type":"mitigation","status":"planned"}

            """);
        replay.Problems.ShouldBeEmpty();
        string[] fields = ["impact"];
        var writer = new StringWriter { NewLine = "\n" };
        CanonicalCsv.WriteHeader(writer, fields);
        foreach (var e in replay.Events)
        {
            CanonicalCsv.WriteRow(writer, e, fields);
        }

        writer.ToString().ShouldBe("""
            id,ticket,at,type,severity,issue_type,owner,engineering,flag,status,impact
            T1/1,T1,2026-11-02T14:00:00Z,created,sev2,database,,,,,
            T1/2,T1,2026-11-02T14:05:00Z,field_set,,other,,,,,
            T1/3,T1,2026-11-02T14:06:00Z,field_set,,,,,,awaiting_customer,minor
            T1/4,T1,2026-11-02T14:07:00Z,status,,,,,,in_progress,
            T1/5,T1,2026-11-02T14:08:00Z,mitigation,,,,,,planned,

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        var back = Replays.Canonical(".csv", writer.ToString());
        back.Problems.ShouldBeEmpty();
        back.Events.Count.ShouldBe(replay.Events.Count);
        back.Events.Zip(replay.Events).ShouldAllBe(pair => EventIds.Same(pair.First, pair.Second));
        WithoutInput(back).ShouldBe(WithoutInput(replay));
    }

    [Fact]
    public void AHandWrittenFieldSetRowSetsIssueTypeAndStatusFromTheirColumns()
    {
        var replay = Replays.Canonical(".csv", """
            ticket,at,type,severity,issue_type,status
            T1,2026-11-02T14:00:00Z,created,sev2,database,
            T1,2026-11-02T14:05:00Z,field_set,,other,
            T1,2026-11-02T14:06:00Z,field_set,,,awaiting_customer
            T1,2026-11-02T14:07:00Z,field_set,,performance,in_progress

            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => e.Fields is null ? "-" : string.Join(" ", e.Fields.Select(f => $"{f.Key}={f.Value}"))).ShouldBe(
            ["-", "issue_type=other", "status=awaiting_customer", "issue_type=performance status=in_progress"]);
        replay.Events.Skip(1).ShouldAllBe(e => e.IssueType == null && e.Status == null);
        replay.Events[0].IssueType.ShouldBe("database");
    }

    [Theory]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"workaround":null}}""", "it clears field 'workaround' (JSON null or \"\"), and an empty CSV cell means \"not given\"")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"impact":"minor","impact":"degraded"}}""", "it sets field 'impact' twice, and a row has one cell for it")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"created","severity":"sev2","fields":{"issue_type":"other"}}""", "it sets issue_type in its fields, which a CSV row says only for a field_set event (the issue_type column of a created row is the event's own issue_type)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"mitigation","status":"planned","fields":{"status":"x"}}""", "it sets status in its fields, which a CSV row says only for a field_set event (the status column of a mitigation row is the event's own mitigation status)")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","status":"x","fields":{"impact":"minor"}}""", "it is a field_set event with a status member of its own, and the status column of a field_set row is the field it sets")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"field_set","fields":{"region":"eu"}}""", "it sets field 'region', which has no column in the file")]
    [InlineData("""{"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"created","severity":"sev2","policy":"support"}""", "it names policy 'support' (for the engine), and canonical CSV has no policy column")]
    public void AnEventACsvRowCannotSayIsNamedNotWrittenAsAnother(string json, string reason)
    {
        // Read as the engine reads its stored events: one stored before a field given twice was refused still sets it twice.
        using var doc = JsonDocument.Parse(json);
        var e = TicketEventJson.ParseStored(doc.RootElement, out var error)!;
        error.ShouldBeNull();

        CanonicalCsv.Unwritable(e, ["impact", "workaround"]).ShouldBe(reason);
        Should.Throw<ArgumentException>(() => CanonicalCsv.WriteRow(new StringWriter(), e, ["impact", "workaround"]));
    }

    /// <summary>The JSON report of a replay but its input section (the file's name and format).</summary>
    private static string WithoutInput(Replays replay)
    {
        var report = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonReport.Render(replay.Result!.Report))!;
        report.Remove("input");
        return JsonSerializer.Serialize(report);
    }

    /// <summary>Writes events as <c>--emit-events</c> does and replays the file.</summary>
    private static Replays ReadBack(string extension, IReadOnlyList<TicketEvent> events)
    {
        var fields = Policies.Support.Model.Fields.Where(f => Policies.Support.KnowsField(f.Name) && !CanonicalCsv.EventColumns.Contains(f.Name)).Select(f => f.Name).ToList();
        var text = new StringWriter { NewLine = "\n" };
        if (extension == ".csv")
        {
            CanonicalCsv.WriteHeader(text, fields);
        }

        foreach (var e in events)
        {
            if (extension == ".csv")
            {
                CanonicalCsv.WriteRow(text, e, fields);
            }
            else
            {
                text.Write(ServiceNowImporterTests.Json(e) + "\n");
            }
        }

        return Replays.Canonical(extension, text.ToString());
    }

    [Fact]
    public void AValueHoldingUFFFFIsWrittenAsItselfAndReadsBack()
    {
        // esc's readers took U+FFFF for bytes that are not UTF-8, so CSV wrote it as U+FFFD: a
        // JSON "a\uffffb" came back as another value.
        using var jsonl = new TempFile(".jsonl", "{\"ticket\":\"T1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev2\",\"owner\":\"a\\uffffb\"}\n");
        using var source = new CanonicalEventSource(jsonl.Path, "in.jsonl");
        var e = source.Read().Single().Event!;
        e.Owner.ShouldBe("a\uffffb");
        var writer = new StringWriter { NewLine = "\n" };
        CanonicalCsv.WriteHeader(writer, []);
        CanonicalCsv.WriteRow(writer, e, []);

        using var file = new TempFile(".csv", writer.ToString());
        using var back = new CanonicalEventSource(file.Path, "back.csv");
        var read = back.Read().Single();

        read.Message.ShouldBeNull();
        read.Event!.Owner.ShouldBe("a\uffffb");
    }

    [Theory]
    [InlineData(".jsonl", 1, "{\"ticket\":\"T\u00e9\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev2\"}\n{\"ticket\":\"T\u00e8\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"created\",\"severity\":\"sev2\"}\n")]
    [InlineData(".csv", 2, "ticket,at,type,severity\nT\u00e9,2026-11-02T14:00:00Z,created,sev2\nT\u00e8,2026-11-02T14:05:00Z,created,sev2\n")]
    public void RowsThatAreNotUtf8AreBadRowsNotOneMergedTicket(string extension, int firstLine, string text)
    {
        // Saved as Windows-1252: 'Té' and 'Tè' are one byte each that is not UTF-8, and both would read as 'T\uFFFD'.
        using var file = new TempFile(extension, "");
        File.WriteAllBytes(file.Path, System.Text.Encoding.Latin1.GetBytes(text));
        using var source = new CanonicalEventSource(file.Path, "events" + extension);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(
        [
            $"events{extension}:{firstLine}: not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8",
            $"events{extension}:{firstLine + 1}: not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8",
        ]);
    }

    [Theory]
    [InlineData(".jsonl", "\ufffd")]
    [InlineData(".csv", "\ufffd")]
    [InlineData(".jsonl", "\uffff")]
    [InlineData(".csv", "\uffff")]
    [InlineData(".jsonl", "\U0001F4FF")]
    [InlineData(".csv", "\U0001F4FF")]
    public void TextThatLooksLikeBytesThatAreNotUtf8IsRead(string extension, string text)
    {
        // Valid UTF-8 holding U+FFFD itself (text mangled before it was exported), the noncharacter
        // U+FFFF (which esc's readers once put for bytes that are not UTF-8), or U+1F4FF (whose
        // second half is the code unit they put now): text, not bytes that are not UTF-8.
        var replay = Replays.Canonical(extension, Rows(extension, ("T" + text + "1", "2026-11-02T14:00:00Z")));

        replay.Problems.ShouldBeEmpty();
        replay.Events.Single().TicketId.ShouldBe("T" + text + "1");
    }

    [Theory]
    [InlineData(".jsonl", 1)]
    [InlineData(".csv", 2)]
    public void OnlyTheRowWithBytesThatAreNotUtf8IsRefused(string extension, int firstLine)
    {
        // The second ticket is 'T' and a Windows-1252 'é' (the byte 0xE9, put where the 0x01 is),
        // between tickets that hold U+FFFF and U+FFFD as UTF-8.
        var bytes = System.Text.Encoding.UTF8.GetBytes(Rows(extension, ("T\uffff", "2026-11-02T14:00:00Z"), ("T\u0001", "2026-11-02T14:05:00Z"), ("T\ufffd", "2026-11-02T14:10:00Z")));
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xE9;
        using var file = new TempFile(extension, "");
        File.WriteAllBytes(file.Path, bytes);
        using var source = new CanonicalEventSource(file.Path, "events" + extension);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe([$"events{extension}:{firstLine + 1}: not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8"]);
        replay.Events.Select(e => e.TicketId).ShouldBe(["T\uffff", "T\ufffd"]);
    }

    /// <summary>Events that create the given tickets at the given times, as JSON Lines or CSV.</summary>
    private static string Rows(string extension, params (string Ticket, string At)[] rows) => extension == ".csv"
        ? "ticket,at,type,severity\n" + string.Concat(rows.Select(r => $"{r.Ticket},{r.At},created,sev2\n"))
        : string.Concat(rows.Select(r => $"{{\"ticket\":\"{r.Ticket}\",\"at\":\"{r.At}\",\"type\":\"created\",\"severity\":\"sev2\"}}\n"));

    [Fact]
    public void ACellOverSeveralLinesIsOneRowOfTheInput()
    {
        // As --emit-events writes a workaround that has line breaks: 3 rows on 7 lines.
        var replay = Replays.Canonical(".csv", """
            ticket,at,type,severity,workaround
            T1,2026-11-02T14:00:00Z,created,sev2,"restart the
            edge router,
            then clear the cache"
            T1,2026-11-02T14:10:00Z,acknowledged,,"line one
            line two"
            T1,2026-11-02T15:00:00Z,closed,,

            """.Replace("\r\n", "\n", StringComparison.Ordinal));

        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Input.Rows.ShouldBe(3);
        replay.Result.Report.Input.Events.ShouldBe(3);
    }

    [Fact]
    public void BadCsvRowsNameTheColumnLikeJsonLines()
    {
        var replay = Replays.Canonical(".csv", """
            ticket,at,type,severity,engineering,impact
            T1,2026-11-02T14:00:00Z,created,sev2,,degraded
            T1,2026-11-02 14:05,acknowledged,,,
            T1,2026-11-02T14:06:00Z,acked,,,
            T1,2026-11-02T14:07:00Z,assigned,,yes,
            T1,2026-11-02T14:08:00Z,field_set,,,huge
            T1,2026-11-02T14:09:00Z
            ,2026-11-02T14:10:00Z,resolved,,,
            T1,2026-11-02T14:11:00Z,field_set,,,degraded, minor
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        replay.Problems.ShouldBe(
        [
            "events.csv:3: at: '2026-11-02 14:05' is not an ISO 8601 time with an offset, such as 2026-11-26T14:05:00Z",
            "events.csv:4: type: 'acked' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); did you mean acknowledged?",
            "events.csv:5: engineering: must be true or false, not 'yes'",
            "events.csv:6: fields.impact: 'huge' is not one of production, degraded, minor",
            "events.csv:7: expected 6 columns, found 2; write an empty cell (nothing between two commas) for each column the row does not give",
            "events.csv:8: ticket: every event needs the id of the ticket it belongs to",
            "events.csv:9: expected 6 columns, found 7; a cell that holds a comma goes in double quotes (\"a, b\")",
        ]);
    }

    [Fact]
    public void HeaderWithoutTicketIsRefused()
    {
        using var file = new TempFile(".csv", "at,type\n2026-11-02T14:00:00Z,created\n");
        using var source = new CanonicalEventSource(file.Path, "events.csv");
        Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldStartWith("events.csv:1: column 'ticket' is missing");
    }

    [Theory]
    [InlineData("ticket;at;type;severity\nA;2026-11-02T14:00:00Z;created;sev1\n", "';'")]
    [InlineData("ticket\tat\ttype\tseverity\nA\t2026-11-02T14:00:00Z\tcreated\tsev1\n", "tabs")]
    public void AHeaderSeparatedByAnotherCharacterSaysSo(string text, string separator)
    {
        // A spreadsheet saved with ';' (a European locale) or tabs: "column 'ticket' is missing" named a column the header has.
        using var file = new TempFile(".csv", text);
        using var source = new CanonicalEventSource(file.Path, "events.csv");
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe($"events.csv:1: column 'ticket' is missing: the header is one column, its names separated by {separator}; a CSV file separates its cells by commas, so save it as comma-separated CSV (docs/events.md)");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\nT,2026-11-02T14:00:00Z,created\n")]
    public void AFileWithoutAHeaderSaysSo(string text)
    {
        // It said "column 'ticket' is missing; a canonical CSV header names ...", where the importers say there is no header.
        using var file = new TempFile(".csv", text);
        using var source = new CanonicalEventSource(file.Path, "events.csv");
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("events.csv:1: no header: the file is empty or starts with an empty line; a CSV file starts with a header row that names its columns, such as 'ticket', 'at' and 'type' (docs/events.md)");
    }

    [Fact]
    public void HeaderNamingAColumnTwiceIsRefused()
    {
        using var file = new TempFile(".csv", "ticket,at,type,severity,impact,impact\nA,2026-11-02T14:00:00Z,created,sev1,production,production\n");
        using var source = new CanonicalEventSource(file.Path, "events.csv");
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("events.csv:1: the header names 'impact' more than once; each column needs its own name");
    }

    [Fact]
    public void HeaderWithSeveralUnnamedColumnsIsRefused()
    {
        using var file = new TempFile(".csv", "ticket,at,type,,\nA,2026-11-02T14:00:00Z,created,,\n");
        using var source = new CanonicalEventSource(file.Path, "events.csv");
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("events.csv:1: the header has more than one column without a name; each column needs its own name");
    }

    [Fact]
    public void ServiceNowHeaderNamingAColumnTwiceIsRefused()
    {
        using var file = new TempFile(".csv", "number,number,incident_state\nINC1,INC1,New\n");
        using var source = new EscalationDsl.Simulation.ServiceNow.ServiceNowEventSource(file.Path, "log.csv", EscalationDsl.Simulation.Mapping.MappingFile.DefaultServiceNow(Policies.Support));
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("log.csv:1: the header names 'number' more than once; each column needs its own name");
    }
}
