using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

public sealed class SimTests
{
    private const string Subset = "../shared/data/uci-incident-event-log/incident_event_log_first1000incidents.csv";

    [Theory]
    [InlineData("json", "support-first1000.json")]
    [InlineData("markdown", "support-first1000.md")]
    public void ReportOnTheShippedLogMatchesTheGoldenFile(string format, string golden)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", Subset, "--format", format, "--by", "week", "--quiet");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", golden), result.Out);
    }

    [Fact]
    public void TheBuiltInStatesThatAPolicyCannotTakeStopTheImportBeforeTheFirstRow()
    {
        var refused = Esc.Run("sim", "policies/it-helpdesk.esc", "--import", "servicenow", "--tickets", Subset, "--quiet");

        refused.ExitCode.ShouldBe(2);
        refused.Error.ShouldStartWith("esc: --import servicenow: policy 'it-helpdesk' has no status for the incident states 'Awaiting User Info' (mapped to awaiting_customer), ");

        // The shipped mapping for it maps them: no bad row.
        var mapped = Esc.Run("sim", "policies/it-helpdesk.esc", "--map", "policies/mappings/servicenow-it-helpdesk.json", "--tickets", Subset, "--format", "json", "--quiet");

        mapped.ExitCode.ShouldBe(0, mapped.Error);
        mapped.Error.ShouldBeEmpty();
        System.Text.Json.JsonDocument.Parse(mapped.Out).RootElement.GetProperty("input").GetProperty("badRows").GetInt64().ShouldBe(0);
    }

    [Theory]
    [InlineData("sev1-network-outage.jsonl", "text", "sev1-network-outage.txt")]
    [InlineData("sev1-network-outage.jsonl", "markdown", "sev1-network-outage.md")]
    [InlineData("sev1-network-outage.jsonl", "html", "sev1-network-outage.html")]
    [InlineData("week-of-tickets.jsonl", "text", "week-of-tickets.txt")]
    public void ReportOnTheShippedEventsMatchesTheGoldenFile(string events, string format, string golden)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", $"policies/events/{events}", "--format", format, "--quiet");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", golden), result.Out);
    }

    [Theory]
    [InlineData("text", "misspelt-values.txt")]
    [InlineData("markdown", "misspelt-values.md")]
    [InlineData("html", "misspelt-values.html")]
    [InlineData("json", "misspelt-values.json")]
    public void ValuesOneLetterOffWhatThePolicyComparesAreCountedInEveryFormat(string format, string golden)
    {
        // Two tickets set "awaiting customer" and one "Awaiting_Customer" where support.esc pauses for
        // awaiting_customer: replayed as written (not bad rows), and listed in the overview.
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "tests/Baselines/Sim/misspelt-values.jsonl", "--format", format, "--quiet");
        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("awaiting customer");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", golden), result.Out);
    }

    [Theory]
    [InlineData(Subset, "--import", "servicenow")]
    [InlineData("policies/events/week-of-tickets.jsonl")]
    [InlineData("policies/events/sev1-network-outage.csv")]
    public async Task InputReadFromAPipeReportsAsFromTheFile(string file, params string[] import)
    {
        // As `--tickets <(unzip -p export.zip)` does: a named pipe has no length to show progress
        // against, and no extension to tell a canonical file's format (its first character does).
        string[] Args(string tickets) => ["sim", "policies/support.esc", .. import, "--tickets", tickets, "--format", "json"];
        var piped = await ThroughAPipe(file, fifo => Esc.Run(Args(fifo)));

        piped.Result.ExitCode.ShouldBe(0);
        var fromFile = Esc.Run([.. Args(file), "--quiet"]);
        piped.Result.Out.Replace(piped.Fifo, file, StringComparison.Ordinal).ShouldBe(fromFile.Out);
        piped.Result.Error.ShouldContain("esc sim: replayed ");
    }

    /// <summary>Runs <paramref name="run"/> on a named pipe that carries the repository file <paramref name="file"/>.</summary>
    internal static async Task<(Esc.Result Result, string Fifo)> ThroughAPipe(string file, Func<string, Esc.Result> run)
    {
        var fifo = Path.Combine(Path.GetTempPath(), $"esc-fifo-{Guid.NewGuid():N}");
        await NamedPipes.CreateAsync(fifo);
        try
        {
            var writer = Task.Run(() => File.WriteAllBytes(fifo, File.ReadAllBytes(RepoPaths.Combine(file))));
            var result = run(fifo);
            await writer.WaitAsync(TimeSpan.FromMinutes(1));
            return (result, fifo);
        }
        finally
        {
            File.Delete(fifo);
        }
    }

    [Theory]
    [InlineData("sim", ".jsonl")]
    [InlineData("sim", ".csv")]
    [InlineData("sim", "")]
    [InlineData("explain", ".jsonl")]
    [InlineData("explain", ".csv")]
    public void AByteOrderMarkDoesNotHideBytesThatAreNotUtf8(string command, string extension)
    {
        // Saved as Windows-1252 ('é' is the byte 0xE9), with and without a UTF-8 byte order mark in front.
        var text = extension == ".csv"
            ? "ticket,at,type,severity\nT\u00e9,2026-11-02T14:00:00Z,created,sev2\n"
            : "{\"ticket\":\"T\u00e9\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev2\"}\n";
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);
        var folder = Directory.CreateTempSubdirectory("esc-bom-");
        try
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, "plain" + extension), bytes);
            File.WriteAllBytes(Path.Combine(folder.FullName, "marked" + extension), [0xEF, 0xBB, 0xBF, .. bytes]);
            string Problems(string name)
            {
                var policy = RepoPaths.Combine("policies", "support.esc");
                var result = Esc.RunIn(folder.FullName, string.Empty, command == "sim" ? ["sim", policy, "--tickets", name, "--quiet"] : ["explain", policy, "--events", name]);
                return string.Concat(result.Error.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[name.Length..] + "\n"));
            }

            var line = extension == ".csv" ? 2 : 1;
            Problems("plain" + extension).ShouldBe($":{line}: not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8\n");
            Problems("marked" + extension).ShouldBe(Problems("plain" + extension));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void SummaryOfOneTicketIsSingular()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/sev1-network-outage.jsonl");
        result.ExitCode.ShouldBe(0);
        result.Error.ShouldStartWith("esc sim: replayed 1 ticket (9 events from 11 rows of policies/events/sev1-network-outage.jsonl) in ");
        result.Error.ShouldEndWith(" s; 0 bad rows skipped\n");
    }

    [Fact]
    public void HtmlReportIsOneSelfContainedPage()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", Subset, "--format", "html", "--quiet");
        result.ExitCode.ShouldBe(0);
        var html = result.Out;
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("src=", Case.Insensitive);
        html.ShouldNotContain("<link", Case.Insensitive);
        html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", "", StringComparison.Ordinal).ShouldNotContain("http");
        html.ShouldContain("Time to first response, by week of creation");
        html.ShouldContain("Time to first engineering assignment, by week of creation");
        html.ShouldContain("Escalation rate by source category");
        html.ShouldContain("<svg");
    }

    [Fact]
    public void TheTitleNamesAPipeByItsPathNotByTheNumberAtItsEnd()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // --tickets <(cat events.jsonl) is /dev/fd/63, and the title read "esc sim: support on 63".
        using var open = File.OpenRead(RepoPaths.Combine("policies", "events", "week-of-tickets.jsonl"));
        var pipe = $"/dev/fd/{open.SafeFileHandle.DangerousGetHandle()}";

        var result = Esc.Run("sim", "policies/support.esc", "--tickets", pipe, "--quiet");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldStartWith($"esc sim: support on {pipe}\n");
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--format", "markdown", "--quiet").Out
            .ShouldStartWith("# esc sim: support on week-of-tickets.jsonl\n");
    }

    [Fact]
    public void SummaryGoesToStandardErrorAndReportToOutputFile()
    {
        var output = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.txt");
        try
        {
            var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--output", output);
            result.ExitCode.ShouldBe(0);
            result.Out.ShouldBeEmpty();
            result.Error.ShouldBe($"esc sim: replayed 5 tickets (23 events from 25 rows of policies/events/week-of-tickets.jsonl) in {result.Error.Split(" in ")[1].Split(' ')[0]} s; 0 bad rows skipped; report written to {output}\n");
            File.ReadAllText(output).ShouldStartWith("esc sim: support on week-of-tickets.jsonl\n");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void BadRowsAreSkippedAndReportedWithExitZero()
    {
        using var file = new TempEvents("""
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"acked"}
            {"ticket":"T1","at":"2026-11-02T14:10:00Z","type":"acknowledged"}
            """);
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", file.Path, "--format", "json", "--quiet");
        result.ExitCode.ShouldBe(0);
        result.Error.ShouldBe($"{file.Path}:2: type: 'acked' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); did you mean acknowledged?\n");
        result.Out.ShouldContain("\"badRows\": 1");
    }

    [Fact]
    public void WhenEveryRowIsBadTheReportIsWrittenAndTheExitIsOne()
    {
        using var file = new TempEvents("""
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev9"}
            {"ticket":"T2","at":"2026-11-02 14:05","type":"created","severity":"sev1"}
            """);
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", file.Path, "--format", "json", "--quiet");

        result.ExitCode.ShouldBe(1);
        result.Out.ShouldContain("\"badRows\": 2");
        result.Error.ShouldEndWith($"esc sim: no ticket could be replayed: every row of {file.Path} was bad; check the rows reported above against the --import or --map that reads them\n");
    }

    [Fact]
    public void StrictStopsAtTheFirstBadRowWithExitOne()
    {
        using var file = new TempEvents("""
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev9"}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"acked"}
            """);
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", file.Path, "--strict");
        result.ExitCode.ShouldBe(1);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(
            $"{file.Path}:1: severity: 'sev9' is not a severity of policy 'support' (sev1, sev2, sev3)\n" +
            $"esc: --strict: stopped at the first bad row of {file.Path}; nothing was reported\n");
    }

    [Fact]
    public void UnknownImporterIsAUsageError()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--import", "zendesk", "--tickets", "policies/events/week-of-tickets.jsonl");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: --import: 'zendesk' is not an importer (servicenow); for any other CSV export write a mapping file and pass it with --map (docs/importers.md)\n");
    }

    [Fact]
    public void BadMappingFileIsAUsageErrorNamingTheKey()
    {
        using var map = new TempEvents("""{ "ticket": "Ticket ID", "time": "When", "type": "Action", "severity": { "column": "Priority", "values": { "P1": "critical" } } }""", ".json");
        var result = Esc.Run("sim", "policies/support.esc", "--map", map.Path, "--tickets", "policies/events/helpdesk-export.csv");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {map.Path}: severity.values.P1: 'critical' is not a severity of policy 'support' (sev1, sev2, sev3)\n");
    }

    [Fact]
    public void ABadTimeZoneCellIsSkippedOrStopsAStrictRun()
    {
        // A two-region export: each row names its UTC offset or zone (timeZoneColumn), an empty cell is read in timeZone.
        using var map = new TempEvents(
            """{ "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm", "timeZone": "Europe/Dublin", "timeZoneColumn": "UTC offset" }""",
            ".json");
        using var export = new TempEvents("""
            Case,Stamp,Action,Prio,UTC offset
            D-1,2026-11-09 09:00,created,sev2,+01:00
            C-2,2026-11-09 09:00,created,sev2,+25:00
            C-3,2026-11-09 09:00,created,sev2,America/Chicago
            D-4,2026-11-09 09:00,created,sev2,
            """, ".csv");

        var lenient = Esc.Run("sim", "policies/support.esc", "--map", map.Path, "--tickets", export.Path, "--quiet");
        var strict = Esc.Run("sim", "policies/support.esc", "--map", map.Path, "--tickets", export.Path, "--strict");

        var bad = $"{export.Path}:3: UTC offset: '+25:00' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time\n";
        lenient.ExitCode.ShouldBe(0);
        lenient.Error.ShouldBe(bad);
        lenient.Out.ShouldContain("3 tickets created");
        lenient.Out.ShouldContain("1 bad row skipped.");
        strict.ExitCode.ShouldBe(1);
        strict.Out.ShouldBeEmpty();
        strict.Error.ShouldBe(bad + $"esc: --strict: stopped at the first bad row of {export.Path}; nothing was reported\n");
    }

    [Fact]
    public void MappingThatIsNotJsonIsAUsageError()
    {
        using var map = new TempEvents("ticket = Ticket ID", ".json");
        var result = Esc.Run("sim", "policies/support.esc", "--map", map.Path, "--tickets", "policies/events/helpdesk-export.csv");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {map.Path}:1:2: not valid JSON: 'ticket = Ticket ID ' is an invalid JSON literal. Expected the literal 'true'\n");
    }

    [Fact]
    public void FastResolutionSetsWhatTheReviewListCallsTooEarly()
    {
        // SUP-4 was resolved exactly 1h after its escalation: listed with the default 1h, not with 59m.
        var within59 = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--fast-resolution", "59m", "--quiet");
        within59.ExitCode.ShouldBe(0);
        within59.Out.ShouldContain("Escalated, then resolved within 59m (too early?): 0\n");
        var within2h = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--fast-resolution", "1h30m", "--quiet");
        within2h.Out.ShouldContain("Escalated, then resolved within 1h 30m (too early?): 1\n");
    }

    [Theory]
    [InlineData("soon", "esc: --fast-resolution: 'soon' is not a duration such as 30m, 1h or 1h30m\n")]
    [InlineData("2y", "esc: --fast-resolution: '2y' has the unit 'y'; use m, h, d or w (such as 30m, 1h, 1h30m)\n")]
    [InlineData("0m", "esc: --fast-resolution: '0m' is no time at all; give a duration such as 30m or 1h\n")]
    [InlineData("99999999999d", "esc: --fast-resolution: '99999999999d' is longer than 10 years\n")]
    [InlineData("5000000d", "esc: --fast-resolution: '5000000d' is longer than 10 years\n")]
    [InlineData("1h1h", "esc: --fast-resolution: '1h1h' gives the unit 'h' more than once; write each unit once, largest first (w, d, h, m): the total is '2h'\n")]
    [InlineData("30m1h", "esc: --fast-resolution: '30m1h' gives 'h' after a smaller unit; write each unit once, largest first (w, d, h, m): the total is '1h30m'\n")]
    [InlineData("1h1h1h", "esc: --fast-resolution: '1h1h1h' gives the unit 'h' more than once; write each unit once, largest first (w, d, h, m): the total is '3h'\n")]
    [InlineData("0m0h", "esc: --fast-resolution: '0m0h' gives 'h' after a smaller unit; write each unit once, largest first (w, d, h, m): the total is no time at all\n")]
    public void BadFastResolutionIsAUsageError(string value, string message)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--fast-resolution", value);
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public void TopThatIsNotAPositiveWholeNumberIsAUsageError(string value)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--top", value);
        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe($"esc: --top: '{value}' is not a whole number from 1 to 2147483647; give how many rows each table shows, such as 20\n");
    }

    [Theory]
    [InlineData("text", "  … 59 more queues    1,000         42  4.2%           69      0             52\n")]
    [InlineData("markdown", "| … 59 more queues | 1,000 | 42 | 4.2% | 69 | 0 | 52 |\n")]
    [InlineData("html", "<tr><td>… 59 more queues</td><td class=\"n\">1,000</td><td class=\"n\">42</td><td class=\"n\">4.2%</td>")]
    [InlineData("json", "\"byQueueLeftOut\": {\n      \"rows\": 59,\n      \"totals\": {\n        \"key\": \"(left out)\",\n        \"tickets\": 1000,\n        \"escalatedTickets\": 42,")]
    public void TopShowsTheLargestQueuesAndWhatTheRestAddUpToInEveryFormat(string format, string leftOut)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", Subset, "--format", format, "--top", "3", "--quiet");
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain(leftOut);
        // Group 10, the fourth largest queue, is left out of every table (it shows in the review list only).
        result.Out.ShouldNotContain("Group 10</td><td class=\"n\">");
        result.Out.ShouldNotContain("\n| Group 10 | ");
        result.Out.ShouldNotContain("\n  Group 10  ");
        if (format != "json")
        {
            result.Out.ShouldContain("… 25 more categories");
            result.Out.ShouldContain("… 1 more rule");
        }
    }

    [Fact]
    public void TopCutsTheReviewListsToAtMostFifteen()
    {
        static int LateRows(string report) => report.Split("(too late?): 51\n")[1].Split("\n\n")[0].Split('\n').Length - 2;
        Run("2").ShouldSatisfyAllConditions(
            r => LateRows(r).ShouldBe(2),
            r => r.ShouldEndWith("Categories that escalate most (at least 10 tickets)\n  category     tickets  escalated   rate\n  -----------  -------  ---------  -----\n  Category 51       10          2  20.0%\n  Category 37       48          7  14.6%\n"));
        LateRows(Run("40")).ShouldBe(15);

        static string Run(string top) =>
            Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", Subset, "--top", top, "--quiet").Out;
    }

    [Fact]
    public void MissingFilesAndBadOptionsAreUsageErrors()
    {
        Esc.Run("sim", "policies/support.esc", "--tickets", "nowhere.jsonl").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: nowhere.jsonl: no such file\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--map", "nowhere.json").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: nowhere.json: no such mapping file\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--map", "/dev/zero").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: /dev/zero: cannot read: the file is larger than 16 MB, too large for a mapping\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/support.esc").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldStartWith("esc: policies/support.esc: unknown event format '.esc'"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--from", "last week").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: --from: 'last week' is not a date such as 2016-03-01 (midnight in America/New_York) or an ISO 8601 time with an offset such as 2016-03-01T00:00:00Z\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--by", "month").ExitCode.ShouldBe(2);
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--output", "no-such-folder/r.txt", "--quiet").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldStartWith("esc: no-such-folder/r.txt: cannot write: the folder "),
            r => r.Error.ShouldEndWith("no-such-folder does not exist\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--output", "policies", "--quiet").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: policies: cannot write: it is a folder; name a file\n"));
        Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--from", "2026-11-05", "--to", "2026-11-01").ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(2),
            r => r.Error.ShouldBe("esc: --to (2026-11-01) must come after --from (2026-11-05): no ticket could be replayed\n"));
        Esc.Run("sim", "policies/support.esc").ExitCode.ShouldBe(2);
    }

    [Theory]
    [InlineData("--emit-events")]
    [InlineData("--output")]
    public void WritingOverTheTicketsFileIsRefusedAndTheFileIsKept(string option)
    {
        using var file = new TempEvents("""
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            """);
        var before = File.ReadAllText(file.Path);

        var result = Esc.Run("sim", "policies/support.esc", "--tickets", file.Path, option, file.Path, "--quiet");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {option}: {file.Path} is the --tickets file; name another file\n");
        File.ReadAllText(file.Path).ShouldBe(before);
    }

    [Theory]
    [InlineData("--emit-events")]
    [InlineData("--output")]
    public void WritingOverTheTicketsFileThroughALinkIsRefusedAndTheFileIsKept(string option)
    {
        using var file = new TempEvents("""
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            """);
        var link = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.jsonl");
        File.CreateSymbolicLink(link, file.Path);
        var before = File.ReadAllText(file.Path);
        try
        {
            var result = Esc.Run("sim", "policies/support.esc", "--tickets", file.Path, option, link, "--quiet");

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldBe($"esc: {option}: {link} is the --tickets file; name another file\n");
            File.ReadAllText(file.Path).ShouldBe(before);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public void EmittedEventsAndTheReportCannotShareAFile()
    {
        var same = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.jsonl");
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--output", same, "--emit-events", same, "--quiet");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: --emit-events: {same} is the --output file; name another file\n");
        File.Exists(same).ShouldBeFalse();
    }

    [Fact]
    public void TicketsThatNameAFolderAreCalledAFolder()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: policies/events: is a folder; name the file of ticket history\n");
    }

    [Theory]
    [InlineData("POLICY", "", "--tickets", "policies/events/week-of-tickets.jsonl")]
    [InlineData("--tickets", "policies/support.esc", "--tickets", "")]
    [InlineData("--map", "policies/support.esc", "--tickets", "policies/events/helpdesk-export.csv", "--map", "")]
    [InlineData("--output", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--output", "")]
    [InlineData("--emit-events", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--emit-events", "")]
    public void AnEmptyFileNameIsCalledEmptyNotAFolder(string option, params string[] args)
    {
        var result = Esc.Run(["sim", .. args]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe($"esc: {option}: the value is empty; name a file\n");
    }

    [Fact]
    public void AMappingThatNamesAFolderIsCalledAFolder()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--map", "policies/mappings", "--tickets", "policies/events/helpdesk-export.csv");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: policies/mappings: is a folder; name the mapping file (JSON)\n");
    }

    [Fact]
    public void EmittedEventsThatCannotBeWrittenAreAUsageErrorNotACrash()
    {
        // A full disk: /dev/full takes the open and refuses every write.
        var full = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.jsonl");
        File.CreateSymbolicLink(full, "/dev/full");
        try
        {
            var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", "--emit-events", full, "--quiet");

            result.ExitCode.ShouldBe(2);
            result.Error.ShouldStartWith($"esc: --emit-events: {full}: cannot write: ");
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
            result.Out.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(full);
        }
    }

    [Fact]
    public void MissingColumnOfAnImportIsAUsageError()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", "policies/events/helpdesk-export.csv");
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("esc: policies/events/helpdesk-export.csv:1: column 'number' (the incident number) is missing; the header has 8 columns: Ticket ID, Action, When,");
    }

    [Fact]
    public void PolicyWithErrorsExitsWithOne()
    {
        using var policy = new TempEvents("policy \"broken\" version 1\nseverity sev1 { acknowledge within 15 parsecs }\n", ".esc");
        var result = Esc.Run("sim", policy.Path, "--tickets", "policies/events/week-of-tickets.jsonl");
        result.ExitCode.ShouldBe(1);
    }

    [Fact]
    public void EmittedEventsAreCanonicalAndReadBack()
    {
        var emitted = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.csv");
        try
        {
            var first = Esc.Run("sim", "policies/support.esc", "--map", "policies/mappings/helpdesk-export.json", "--tickets", "policies/events/helpdesk-export.csv",
                "--emit-events", emitted, "--format", "json", "--quiet");
            first.ExitCode.ShouldBe(0);
            File.ReadAllLines(emitted)[0].ShouldBe("id,ticket,at,type,severity,issue_type,owner,engineering,flag,status,impact,impact_confirmed,security_flagged,new_impact,workaround,root_cause,request_id,client_version,occurred_at,update_comment,next_update");
            var again = Esc.Run("sim", "policies/support.esc", "--tickets", emitted, "--format", "json", "--quiet");
            again.ExitCode.ShouldBe(0);
            foreach (var part in new[] { "tickets", "response", "afterHours", "customerUpdates" })
            {
                Part(again.Out, part).ShouldBe(Part(first.Out, part));
            }

            Part(Part(again.Out, "sla"), "bySeverity").ShouldBe(Part(Part(first.Out, "sla"), "bySeverity"));
            Part(Part(again.Out, "escalations"), "decisionsByKind").ShouldBe(Part(Part(first.Out, "escalations"), "decisionsByKind"));
        }
        finally
        {
            File.Delete(emitted);
        }

        // Queues and categories are the export's own words in the first run and policy names in the
        // second; everything the policy decided must be equal.
        static string Part(string json, string name) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty(name).GetRawText();
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".jsonl")]
    public void EmittedEventsKeepTicketsThatDifferOnlyInUFFFFAndUFFFDApart(string extension)
    {
        // CSV wrote U+FFFF as U+FFFD (esc's readers took U+FFFF for bytes that are not UTF-8), so the
        // file esc wrote made one ticket of two.
        using var input = new TempEvents("""
            {"ticket":"T\uffff","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"ticket":"T\ufffd","at":"2026-11-02T14:05:00Z","type":"created","severity":"sev2"}
            """);
        var emitted = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}{extension}");
        try
        {
            var first = Esc.Run("sim", "policies/support.esc", "--tickets", input.Path, "--emit-events", emitted, "--format", "json", "--quiet");
            first.ExitCode.ShouldBe(0, first.Error);
            var emittedTickets = extension == ".csv"
                ? File.ReadAllLines(emitted).Skip(1).Select(line => line.Split(',')[1])
                : File.ReadAllLines(emitted).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("ticket").GetString());
            emittedTickets.ShouldBe(["T\uffff", "T\ufffd"]);

            var again = Esc.Run("sim", "policies/support.esc", "--tickets", emitted, "--format", "json", "--quiet");

            again.Error.ShouldBeEmpty();
            var read = System.Text.Json.JsonDocument.Parse(again.Out).RootElement.GetProperty("input");
            (read.GetProperty("tickets").GetInt64(), read.GetProperty("badRows").GetInt64()).ShouldBe((2, 0));
        }
        finally
        {
            File.Delete(emitted);
        }
    }

    /// <summary>A file for one test, under the system temp folder.</summary>
    [Fact]
    public void ADamagedArchiveIsAUsageErrorNotACrash()
    {
        var zip = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.zip");
        try
        {
            TestArchive.Write(zip, "log.csv", File.ReadAllText(RepoPaths.Combine(Subset)));
            TestArchive.Damage(zip, 64);

            var result = Esc.Run("sim", "policies/support.esc", "--import", "servicenow", "--tickets", zip, "--quiet");

            // Rows garbled before the damage is known are reported as they are read; then the run stops.
            result.ExitCode.ShouldBe(2);
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].ShouldStartWith($"esc: {zip}: the archive is damaged: ");
            result.Out.ShouldBeEmpty();
        }
        finally
        {
            File.Delete(zip);
        }
    }

    private sealed class TempEvents : IDisposable
    {
        public TempEvents(string content, string extension = ".jsonl")
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}{extension}");
            File.WriteAllText(Path, content.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }
}
