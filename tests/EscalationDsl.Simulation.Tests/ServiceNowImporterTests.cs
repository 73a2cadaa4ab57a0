using System.IO.Compression;
using System.Text;
using System.Text.Json;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Simulation.Sources;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

public sealed class ServiceNowImporterTests
{
    private static readonly string Subset = Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv");

    /// <summary>A simple incident, a reopen, a priority change, a wait on the user, a category change, one resolved at its first snapshot, a critical one.</summary>
    private static readonly string[] Chosen =
        ["INC0000045", "INC0000715", "INC0000062", "INC0000070", "INC0000079", "INC0000093", "INC0000370"];

    [Fact]
    public void ShippedLogIncidentsMapToGoldenEvents()
    {
        using var source = new ServiceNowEventSource(Subset, "incident_event_log_first1000incidents.csv", MappingFile.DefaultServiceNow(Policies.Support));
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", "servicenow-events.txt"), RecordLines.Of(source.Read(), Chosen.Contains));
    }

    [Fact]
    public void FirstIncidentOfTheLogReadsAsHandChecked()
    {
        // INC0000045: opened 29/2/2016 01:16, New at 01:23, Resolved at 08:53 (and 11:29), Closed 5/3/2016 12:00, local New York time.
        using var source = new ServiceNowEventSource(Subset, "subset.csv", MappingFile.DefaultServiceNow(Policies.Support));
        var events = source.Read().TakeWhile(r => r.Kind != SourceRecordKind.TicketEnd).Select(r => r.Event!).ToList();
        events.Select(e => $"{TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}").ShouldBe(
        [
            "created 2016-02-29T06:16:00Z",
            "acknowledged 2016-02-29T13:53:00Z",
            "resolved 2016-02-29T13:53:00Z",
            "closed 2016-03-05T17:00:00Z",
        ]);
        events[0].Severity.ShouldBe("sev3");          // 3 - Moderate: the third severity
        events[0].IssueType.ShouldBe("other");        // Category 55 is not an issue type of support.esc
        events[0].Owner.ShouldBe("Group 56");
        events[0].Fields.ShouldBe([KeyValuePair.Create("impact", "degraded"), KeyValuePair.Create("impact_confirmed", "false")]);
    }

    [Fact]
    public void ZipIsReadInPlaceLikeTheCsvInside()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05")
            .Row("INC9000001", "Active", "1/3/2016 09:20", mod: 1, assignee: "Resolver 1")
            .Row("INC9000001", "Resolved", "1/3/2016 11:00", mod: 2, assignee: "Resolver 1")
            .ToString();
        var zip = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                using var writer = new StreamWriter(archive.CreateEntry("log.csv").Open());
                writer.Write(csv);
            }

            using var fromZip = new ServiceNowEventSource(zip, "log.zip", MappingFile.DefaultServiceNow(Policies.Support));
            using var file = new TempFile(".csv", csv);
            using var fromCsv = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(Policies.Support));
            fromZip.Read().Select(r => r.Event is { } e ? Json(e) : r.Kind.ToString()).ShouldBe(fromCsv.Read().Select(r => r.Event is { } e ? Json(e) : r.Kind.ToString()));
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Theory]
    [InlineData(CompressionLevel.NoCompression, "log.zip: the archive is damaged: the checksum of log.csv does not match its content")]
    [InlineData(CompressionLevel.Optimal, "log.zip: the archive is damaged: ")]
    public void ADamagedArchiveIsRefusedNotReadAsData(CompressionLevel level, string expected)
    {
        var zip = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.zip");
        try
        {
            TestArchive.Write(zip, "log.csv", string.Join('\n', File.ReadAllText(Subset).Split('\n').Take(400)), level);
            TestArchive.Damage(zip, 16);

            using var source = new ServiceNowEventSource(zip, "log.zip", MappingFile.DefaultServiceNow(Policies.Support));
            Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldStartWith(expected);
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void AnEncryptedArchiveIsCalledEncryptedNotDamaged()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.zip");
        try
        {
            TestArchive.Write(zip, "log.csv", new SyntheticAuditLog().Row("INC1", "New", "1/3/2016 09:05").ToString(), CompressionLevel.NoCompression);
            TestArchive.MarkEncrypted(zip);

            using var source = new ServiceNowEventSource(zip, "log.zip", MappingFile.DefaultServiceNow(Policies.Support));
            Should.Throw<SourceException>(() => source.Read().ToList()).Message
                .ShouldBe("log.zip: log.csv is encrypted (the archive has a password); extract it with the password and read the .csv");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void ArchiveWithoutCsvIsRefused()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.zip");
        try
        {
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                archive.CreateEntry("readme.txt");
            }

            using var source = new ServiceNowEventSource(zip, "log.zip", MappingFile.DefaultServiceNow(Policies.Support));
            Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldBe("log.zip: the archive holds no .csv file");
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [Fact]
    public void MissingColumnInTheHeaderStopsTheRun()
    {
        using var file = new TempFile(".csv", "number,incident_state,opened_at\nINC1,New,1/3/2016 09:00\n");
        using var source = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(Policies.Support));
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("log.csv:1: column 'sys_updated_at' (the update time) is missing; the header has 3 columns: number, incident_state, opened_at");
    }

    [Fact]
    public void ALongHeaderNameIsShortenedInTheMessage()
    {
        using var file = new TempFile(".csv", $"number,{new string('x', 100)}\nINC1,a\n");
        using var source = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(Policies.Support));
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe($"log.csv:1: column 'incident_state' (the incident state) is missing; the header has 2 columns: number, {new string('x', 60)}...");
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("gzip")]
    public void AnArchiveThatIsNotNamedAsOneIsRefusedAsSuch(string kind)
    {
        // Read from a pipe (--tickets /dev/stdin), the archive's bytes were quoted as a header, about 1 KB of binary.
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.csv");
        try
        {
            using (var output = File.Create(path))
            {
                if (kind == "zip")
                {
                    using var archive = new ZipArchive(output, ZipArchiveMode.Create);
                    using var entry = new StreamWriter(archive.CreateEntry("log.csv").Open());
                    entry.Write("number,incident_state\nINC1,New\n");
                }
                else
                {
                    using var gzip = new System.IO.Compression.GZipStream(output, CompressionLevel.Fastest);
                    gzip.Write("number,incident_state\nINC1,New\n"u8);
                }
            }

            using var source = new ServiceNowEventSource(path, "/dev/stdin", MappingFile.DefaultServiceNow(Policies.Support));
            Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldStartWith(
                kind == "zip" ? "/dev/stdin: is a .zip archive, not CSV text; esc opens an archive by a name ending in .zip" : "/dev/stdin: is gzip-compressed, not CSV text; esc reads a gzip file by a name ending in .gz");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("\r\nINC1,New\r\n")]
    public void AFileWithoutAHeaderSaysSo(string text)
    {
        // It said "column 'number' (the incident number) is missing; the header has 0 columns: " (nothing after the colon).
        using var file = new TempFile(".csv", text);
        using var source = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(Policies.Support));
        Should.Throw<SourceException>(() => source.Read().ToList()).Message
            .ShouldBe("log.csv:1: no header: the file is empty or starts with an empty line; a CSV file starts with a header row that names its columns, such as 'number' (the incident number)");
    }

    [Fact]
    public void BadRowsAreReportedWithFileRowAndReasonAndSkipped()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05")
            .Row("INC9000001", "Active", "31/2/2016 10:00", mod: 1)                     // line 3: no such date
            .Row("INC9000001", "-100", "1/3/2016 10:30", mod: 2)                        // line 4: unknown state
            .Raw("INC9000001,Resolved,true,0,0,3")                                      // line 5: too few columns
            .Row("INC9000001", "Resolved", "1/3/2016 11:00", mod: 4)
            .Row("INC9000002", "New", "1/3/2016 09:10", opened: "?")                    // line 7: no opening time
            .Row("INC9000002", "Active", "1/3/2016 09:40", opened: "?", mod: 1)         // line 8: rest of that incident
            .Row("INC9000003", "New", "1/3/2016 09:10", priority: "?")                  // line 9: no severity
            .Row("?", "New", "1/3/2016 09:10")                                          // line 10: no number
            .Row("INC9000004", "New", "1/3/2016 12:00", category: "?")                  // fine: no category, no issue type
            .Row("INC9000001", "Closed", "6/3/2016 12:00", mod: 5)                      // line 12: INC9000001 again
            .ToString();
        var replay = Replays.ServiceNow(csv);
        replay.Problems.ShouldBe(
        [
            "log.csv:3: sys_updated_at: '31/2/2016 10:00' is not a time like 29/2/2016 01:16 (d/M/yyyy HH:mm)",
            "log.csv:4: incident_state: '-100' is not a known state (New, Active, Awaiting User Info, Awaiting Vendor, Awaiting Problem, Awaiting Evidence, Resolved, Closed); map it under \"states\" in a mapping file (docs/importers.md)",
            "log.csv:5: expected 36 columns, found 6; write an empty cell (nothing between two commas) for each column the row does not give",
            "log.csv:7: opened_at: no value ('?'); incident INC9000002 cannot be created without its opening time and is skipped",
            "log.csv:8: incident INC9000002 is skipped (see its first row)",
            "log.csv:9: priority: no value; incident INC9000003 cannot be created without a severity and is skipped",
            "log.csv:10: number: no value; the row belongs to no incident",
            "log.csv:12: rows of incident INC9000001 are not contiguous: it appeared earlier in the file and was already replayed (row skipped)",
        ]);
        replay.Result!.BadRows.ShouldBe(8);
        replay.Result.Report.Input.Tickets.ShouldBe(2);
        replay.Events.Where(e => e.TicketId == "INC9000001").Select(e => TicketEventKinds.Name(e.Kind))
            .ShouldBe(["created", "acknowledged", "resolved"]);
        replay.Events.Single(e => e.TicketId == "INC9000004").IssueType.ShouldBeNull();
    }

    [Theory]
    [InlineData("Critical", "1 - High", "severity: 'Critical' is not a severity of policy 'support' (sev1, sev2, sev3)")]
    [InlineData("1 - Critical", "High", "fields.impact: 'High' is not one of production, degraded, minor")]
    public void AnIncidentWhoseCreatedEventIsRefusedReportsEachLaterRowOnce(string priority, string impact, string reason)
    {
        // Line 3 makes four events (assigned, acknowledged, status, resolved); line 4 none; line 5 one.
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05", priority: priority, impact: impact)
            .Row("INC9000001", "Resolved", "1/3/2016 09:20", mod: 1, priority: priority, impact: impact, assignee: "Resolver 1")
            .Row("INC9000001", "Resolved", "1/3/2016 09:30", mod: 2, priority: priority, impact: impact, assignee: "Resolver 1")
            .Row("INC9000001", "Closed", "6/3/2016 12:00", mod: 3, priority: priority, impact: impact, assignee: "Resolver 1")
            .Row("INC9000002", "New", "1/3/2016 10:00")
            .ToString();

        var replay = Replays.ServiceNow(csv);

        replay.Problems.ShouldBe(
        [
            $"log.csv:2: {reason}",
            "log.csv:3: ticket 'INC9000001' has no created event: its created event was refused (reported above); a ticket starts with created",
            "log.csv:5: ticket 'INC9000001' has no created event: its created event was refused (reported above); a ticket starts with created",
        ]);
        replay.Result!.BadRows.ShouldBe(3);
        replay.Result.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void AFirstRowThatMakesMoreEventsThanItsRefusedCreatedIsReportedOnce()
    {
        // An assignee on the first snapshot makes an assigned event on the same row as created: it was
        // reported again ("has no created event") and counted as a second bad row.
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "Active", "1/3/2016 09:05", priority: "Critical", assignee: "Resolver 1")
            .Row("INC9000001", "Resolved", "1/3/2016 09:30", mod: 1, priority: "Critical", assignee: "Resolver 1")
            .Row("INC9000002", "New", "1/3/2016 10:00")
            .ToString();

        var replay = Replays.ServiceNow(csv);

        replay.Problems.ShouldBe(
        [
            "log.csv:2: severity: 'Critical' is not a severity of policy 'support' (sev1, sev2, sev3)",
            "log.csv:3: ticket 'INC9000001' has no created event: its created event was refused (reported above); a ticket starts with created",
        ]);
        replay.Result!.BadRows.ShouldBe(2);
        replay.Result.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void AnIncidentNumberThatIsNotUtf8IsABadRowNotMergedWithAnother()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC\u00e91", "New", "1/3/2016 09:05")
            .Row("INC\u00e81", "New", "1/3/2016 09:06")
            .Row("INC9000003", "New", "1/3/2016 09:07")
            .ToString();
        using var file = new TempFile(".csv", "");
        File.WriteAllBytes(file.Path, Encoding.Latin1.GetBytes(csv));
        using var source = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(Policies.Support));

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(
        [
            "log.csv:2: number: 'INC\uFFFD1' is not valid UTF-8 text: bytes that are not UTF-8 read as '\uFFFD', and ids that differ only there would be one; save the export as UTF-8",
            "log.csv:3: number: 'INC\uFFFD1' is not valid UTF-8 text: bytes that are not UTF-8 read as '\uFFFD', and ids that differ only there would be one; save the export as UTF-8",
        ]);
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void IncidentNumbersHoldingUFFFFAndUFFFDAreTwoIncidents()
    {
        var replay = Replays.ServiceNow(new SyntheticAuditLog()
            .Row("INC\uffff1", "New", "1/3/2016 09:05")
            .Row("INC\ufffd1", "New", "1/3/2016 09:06")
            .ToString());

        replay.Problems.ShouldBeEmpty();
        replay.Result!.Report.Input.Tickets.ShouldBe(2);
    }

    [Fact]
    public void ACounterThatIsNotACountIsABadRowAndAMissingOneIsNot()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05")
            .Row("INC9000001", "Active", "1/3/2016 09:20", mod: 1)
            .Row("INC9000001", "Active", "1/3/2016 09:40", mod: 2)
            .ToString()
            .Replace("INC9000001,Active,true,0,0,1,", "INC9000001,Active,true,two,0,1,", StringComparison.Ordinal)
            .Replace("INC9000001,Active,true,0,0,2,", "INC9000001,Active,true,?,0,2,", StringComparison.Ordinal);

        var replay = Replays.ServiceNow(csv);

        replay.Problems.ShouldBe(["log.csv:3: reassignment_count: 'two' is not a whole number (a count); the row is skipped"]);
        replay.Result!.Report.Input.Tickets.ShouldBe(1);
    }

    [Fact]
    public void StrictStopsAtTheFirstBadRow()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05")
            .Row("INC9000001", "-100", "1/3/2016 10:30", mod: 1)
            .Row("INC9000002", "New", "1/3/2016 09:10", priority: "?")
            .ToString();
        var replay = Replays.ServiceNow(csv, strict: true);
        replay.Result!.StoppedAtBadRow.ShouldBeTrue();
        replay.Problems.Count.ShouldBe(1);
    }

    [Fact]
    public void SnapshotChangesBecomeEventsInRowOrder()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05", group: "Group 1")
            .Row("INC9000001", "Active", "1/3/2016 09:20", mod: 1, assignee: "Resolver 7", priority: "2 - High", impact: "1 - High")
            .Row("INC9000001", "Awaiting User Info", "1/3/2016 10:00", mod: 2, assignee: "Resolver 7", group: "Group 2", reassignments: 1, priority: "2 - High", impact: "1 - High")
            .Row("INC9000001", "Resolved", "1/3/2016 12:00", mod: 3, assignee: "Resolver 7", group: "Group 2", reassignments: 1, priority: "2 - High", impact: "1 - High")
            .Row("INC9000001", "Active", "2/3/2016 08:00", mod: 4, assignee: "Resolver 7", group: "Group 2", reassignments: 1, reopens: 1, priority: "2 - High", impact: "1 - High")
            .Row("INC9000001", "Closed", "3/3/2016 08:00", mod: 5, assignee: "Resolver 7", group: "Group 2", reassignments: 1, reopens: 1, priority: "2 - High", impact: "1 - High")
            .ToString();
        var replay = Replays.ServiceNow(csv);
        replay.Problems.ShouldBeEmpty();
        // Each event carries its ticket and its position in the replay as its id, as --emit-events writes it.
        replay.Events.Select(Json).ShouldBe(
        [
            """{"id":"INC9000001/1","ticket":"INC9000001","at":"2016-03-01T14:00:00Z","type":"created","severity":"sev3","issue_type":"other","owner":"Group 1","fields":{"impact":"degraded","impact_confirmed":"false"}}""",
            """{"id":"INC9000001/2","ticket":"INC9000001","at":"2016-03-01T14:20:00Z","type":"severity_changed","severity":"sev2"}""",
            """{"id":"INC9000001/3","ticket":"INC9000001","at":"2016-03-01T14:20:00Z","type":"field_set","fields":{"impact":"production"}}""",
            """{"id":"INC9000001/4","ticket":"INC9000001","at":"2016-03-01T14:20:00Z","type":"assigned","owner":"Group 1","engineering":true}""",
            """{"id":"INC9000001/5","ticket":"INC9000001","at":"2016-03-01T14:20:00Z","type":"acknowledged"}""",
            """{"id":"INC9000001/6","ticket":"INC9000001","at":"2016-03-01T14:20:00Z","type":"status","status":"in_progress"}""",
            """{"id":"INC9000001/7","ticket":"INC9000001","at":"2016-03-01T15:00:00Z","type":"assigned","owner":"Group 2","engineering":true}""",
            """{"id":"INC9000001/8","ticket":"INC9000001","at":"2016-03-01T15:00:00Z","type":"status","status":"awaiting_customer"}""",
            """{"id":"INC9000001/9","ticket":"INC9000001","at":"2016-03-01T17:00:00Z","type":"resolved"}""",
            """{"id":"INC9000001/10","ticket":"INC9000001","at":"2016-03-02T13:00:00Z","type":"reopened"}""",
            """{"id":"INC9000001/11","ticket":"INC9000001","at":"2016-03-02T13:00:00Z","type":"status","status":"in_progress"}""",
            """{"id":"INC9000001/12","ticket":"INC9000001","at":"2016-03-03T13:00:00Z","type":"closed"}""",
        ]);
    }

    internal static string Json(TicketEvent e)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            TicketEventJson.Write(writer, e);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
