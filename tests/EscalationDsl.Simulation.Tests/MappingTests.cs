using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

public sealed class MappingTests
{
    private static LoadedMapping Load(string json, List<string>? warnings = null, string? import = null) =>
        MappingFile.Load(json, "map.json", Policies.Support, import, warnings ?? []);

    [Fact]
    public void ExampleMappingReadsTheExampleExport()
    {
        var mapping = Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "helpdesk-export.json"))).Events!;
        using var source = new MappedCsvEventSource(RepoPaths.Combine("policies", "events", "helpdesk-export.csv"), "helpdesk-export.csv", mapping);
        var replay = Replays.Run(Policies.Support, source);
        replay.Problems.ShouldBeEmpty();
        var hd101 = replay.Events.Where(e => e.TicketId == "HD-101").ToList();
        hd101.Select(e => $"{TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}").ShouldBe(
        [
            "created 2026-11-02T09:12:00Z",           // 09:12 in London is still GMT in November
            "acknowledged 2026-11-02T09:20:00Z",
            "customer_update 2026-11-02T09:31:00Z",
            "assigned 2026-11-02T09:45:00Z",
            "resolved 2026-11-02T11:50:00Z",
            "closed 2026-11-04T09:00:00Z",
        ]);
        hd101[0].Severity.ShouldBe("sev1");
        hd101[0].IssueType.ShouldBe("network_outage");
        hd101[0].Owner.ShouldBe("frontline");
        hd101[3].Owner.ShouldBe("network");
        replay.Events.Single(e => e.TicketId == "HD-102" && e.Kind == TicketEventKind.SeverityChanged).Severity.ShouldBe("sev2");
        replay.Events.Count(e => e.TicketId == "HD-102" && e.Kind == TicketEventKind.Status).ShouldBe(2);
        replay.Result!.Report.Input.Tickets.ShouldBe(2);
    }

    [Fact]
    public void ServiceNowOverrideChangesOnlyWhatItNames()
    {
        var mapping = Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "servicenow-support.json")), import: "servicenow").ServiceNow!;
        mapping.States["-100"].ShouldBe("in_progress");
        mapping.States["Awaiting User Info"].ShouldBe("awaiting_customer");
        mapping.IssueType!.Map("Category 46").ShouldBe("network_outage");
        mapping.IssueType.Map("Category 9").ShouldBe("other");
        mapping.Owner!.Map("Group 70").ShouldBe("frontline");
        mapping.Owner.Map("Group 24").ShouldBe("Group 24");
        mapping.Severity.Map("4 - Low").ShouldBe("sev3");
    }

    [Fact]
    public void AStateTableThePolicysStatusesCannotTakeIsRefusedWhenTheMappingIsRead()
    {
        // it-helpdesk waits on users and suppliers: every row in a built-in awaiting state was a bad
        // row ("status: 'awaiting_customer' is not one of ...") that did not say where to fix it.
        var helpdesk = Policies.Shipped("it-helpdesk");

        var e = Should.Throw<MappingException>(() => MappingFile.Load("""{ "import": "servicenow", "states": { "Awaiting User Info": "awaiting_user" } }""", "map.json", helpdesk, "servicenow", []));

        e.Message.ShouldBe(
            "map.json: states: policy 'it-helpdesk' has no status for the incident states 'Awaiting Vendor' (mapped to awaiting_vendor), 'Awaiting Problem' (mapped to awaiting_problem), 'Awaiting Evidence' (mapped to awaiting_evidence); "
            + "its statuses are new, in_progress, awaiting_user, awaiting_supplier: map each under \"states\" in a mapping file, "
            + "such as { \"import\": \"servicenow\", \"states\": { \"Awaiting Vendor\": \"awaiting_user\" } }, and pass it with --map (docs/importers.md)");

        // An incident that goes back to New becomes a status event 'new': a status enum without it does not fit either.
        var withoutNew = File.ReadAllText(Path.Combine(RepoPaths.Policies, "it-helpdesk.esc")).Replace(
            "enum [new, in_progress, awaiting_user, awaiting_supplier]", "enum [in_progress, awaiting_user, awaiting_supplier, awaiting_customer, awaiting_vendor, awaiting_problem, awaiting_evidence]", StringComparison.Ordinal);
        MappingFile.UnfitStates(Policies.Compile(withoutNew), ServiceNowMapping.DefaultStates)
            .ShouldStartWith("policy 'it-helpdesk' has no status for the incident state 'New' (mapped to new); ");
        MappingFile.UnfitStates(Policies.Support, ServiceNowMapping.DefaultStates).ShouldBeNull("support's status is free text");
        MappingFile.Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "servicenow-it-helpdesk.json")), "servicenow-it-helpdesk.json", helpdesk, "servicenow", [])
            .ServiceNow!.States["Awaiting Vendor"].ShouldBe("awaiting_supplier");
    }

    [Fact]
    public void BuiltInServiceNowMappingRanksPrioritiesOntoTheSeverities()
    {
        var mapping = MappingFile.DefaultServiceNow(Policies.Support);
        mapping.Severity.Map("1 - Critical").ShouldBe("sev1");
        mapping.Severity.Map("2 - High").ShouldBe("sev2");
        mapping.Severity.Map("3 - Moderate").ShouldBe("sev3");
        mapping.Severity.Map("4 - Low").ShouldBe("sev3");
        mapping.Fields.Select(f => $"{f.Field}<-{f.Map.Column}").ShouldBe(["impact<-impact", "impact_confirmed<-u_priority_confirmation"]);
        mapping.Fields[0].Map.Map("1 - High").ShouldBe("production");
        mapping.Layout.Zone!.Id.ShouldBe("America/New_York");
    }

    [Fact]
    public void APriorityNumberedZeroHasNoRankAndIsNotTakenAsTheMostSevere()
    {
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05", priority: "0 - Planning")
            .Row("INC9000002", "New", "1/3/2016 09:06", priority: "1 - Critical")
            .ToString();

        var replay = Replays.ServiceNow(csv);

        replay.Problems.ShouldBe(["log.csv:2: severity: '0 - Planning' is not a severity of policy 'support' (sev1, sev2, sev3)"]);
        replay.Events.Select(e => $"{e.TicketId} {e.Severity}").ShouldBe(["INC9000002 sev1"]);
    }

    [Theory]
    [InlineData("{ not json", "map.json:1:3: not valid JSON: 'n' is an invalid start of a property name. Expected a '\"'")]
    [InlineData("{\n  \"ticket\": \"id\",\n  \"time\": at\n}", "map.json:3:11: not valid JSON: 'a' is an invalid start of a value")]
    [InlineData("[]", "map.json: (top level): a mapping file is a JSON object; see docs/importers.md")]
    [InlineData("""{ "import": "zendesk" }""", "map.json: import: 'zendesk' is not an import this file can describe (servicenow, csv, tickets)")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "sevrity": "p" }""", "map.json: sevrity: unknown key for a 'csv' mapping; did you mean severity? The keys are: import, separator, missing, timeZone, timeFormat, severity, issueType, owner, engineering, queue, category, fields, ticket, time, id, type, contiguous, flag, status, timeZoneColumn")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "issuetype": "p" }""", "map.json: issuetype: unknown key for a 'csv' mapping; did you mean issueType? The keys are: import, separator, missing, timeZone, timeFormat, severity, issueType, owner, engineering, queue, category, fields, ticket, time, id, type, contiguous, flag, status, timeZoneColumn")]
    [InlineData("""{ "time": "at", "type": "kind", "timeFormat": "iso" }""", "map.json: ticket: required: the column that holds the ticket id")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "timeFormat": "dd/MM/yyyy" }""", "map.json: timeZone: required with timeFormat 'dd/MM/yyyy': local times need a zone, such as \"Europe/London\" or \"UTC\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "timeFormat": "HH:mm" }""", "map.json: timeFormat: 'HH:mm' does not give the date: a timestamp needs its year, month and day; use a pattern such as \"dd/MM/yyyy HH:mm\", or iso, unix, unixms")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "timeZone": "PST" }""", "map.json: timeZone: 'PST' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time; for US Pacific time write \"America/Los_Angeles\"; if 'PST' is the column that gives each row's UTC offset or zone, write \"timeZoneColumn\": \"PST\" instead")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "timeZone": "Mars/Olympus" }""", "map.json: timeZone: 'Mars/Olympus' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": { "column": "kind", "values": { "Opened": "open" } } }""", "map.json: type.values.Opened: 'open' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); use null to skip such rows")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": { "column": "kind", "values": { "Changed": "status_changed" } } }""", "map.json: type.values.Changed: 'status_changed' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); use null to skip such rows; or did you mean status?")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "severity": { "column": "p", "values": { "P1": "sev9" } } }""", "map.json: severity.values.P1: 'sev9' is not a severity of policy 'support' (sev1, sev2, sev3)")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "owner": { "column": "team", "values": { "Desk": "frontlin" } } }""", "map.json: owner.values.Desk: 'frontlin' is not an owner of policy 'support' (frontline, commander, oncall_eng, network, backend, database, security)")]
    [InlineData("""{ "import": "servicenow", "fields": { "impact": { "column": "impact", "values": { "1 - High": "huge" } } } }""", "map.json: fields.impact.values.1 - High: 'huge' is not a value of field 'impact' (production, degraded, minor)")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": "\"" }""", "map.json: separator: '\"' quotes cells and cannot also separate them; use a character such as \",\", \";\" or \"\\t\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": "\n" }""", "map.json: separator: a line break ends rows and cannot also separate cells; use a character such as \",\", \";\" or \"\\t\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": "#" }""", "map.json: separator: '#' cannot separate cells: the CSV reader takes \"\\t\" or a printable ASCII character other than '\"' and '#'; use a character such as \",\", \";\" or \"\\t\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": "\u00e9" }""", "map.json: separator: '\\u00e9' cannot separate cells: the CSV reader takes \"\\t\" or a printable ASCII character other than '\"' and '#'; use a character such as \",\", \";\" or \"\\t\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": "\u0000" }""", "map.json: separator: '\\u0000' cannot separate cells: the CSV reader takes \"\\t\" or a printable ASCII character other than '\"' and '#'; use a character such as \",\", \";\" or \"\\t\"")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "separator": ";;" }""", "map.json: separator: must be one character such as \",\", \";\" or \"\\t\", not ';;'")]
    [InlineData("{ \"ticket\": \"id\", \"time\": \"at\",\n  \"type\": \"kind\", \"time\": \"updated\" }", "map.json:2:19: 'time' is given twice in the same object; keep one (the last would silently win)")]
    [InlineData("{ \"import\": \"servicenow\", \"fields\": { \"impact\": \"impact\" }, \"states\": { \"New\": \"new\", \"New\": \"open\" } }", "map.json:1:87: 'New' is given twice in the same object; keep one (the last would silently win)")]
    [InlineData("", "map.json:1:1: the file holds no JSON; a mapping file is an object such as { \"ticket\": \"Number\", \"time\": \"Updated\", \"type\": \"Event\" } (docs/importers.md)")]
    [InlineData("  // nothing yet\n", "map.json:1:1: the file holds no JSON; a mapping file is an object such as { \"ticket\": \"Number\", \"time\": \"Updated\", \"type\": \"Event\" } (docs/importers.md)")]
    [InlineData("{ \"import\": \"servicenow\",\n  \"fields\": { \"impact\": { \"column\": \"imp\\ud800\" } } }", "map.json:2:37: not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    public void BadMappingFilesAreRefusedWithTheKeyAndTheFix(string json, string expected)
    {
        var message = Should.Throw<MappingException>(() => Load(json)).Message;
        if (expected.EndsWith(": ", StringComparison.Ordinal))
        {
            message.ShouldStartWith(expected);
        }
        else
        {
            message.ShouldBe(expected);
        }
    }

    [Fact]
    public void AMapsDefaultMayBeANumberAsItsValuesMay()
    {
        // "values" took numbers, "default" refused them: "must be a string, true, false or null".
        var mapping = MappingFile.Load(
            """{ "ticket": "id", "time": "at", "type": "kind", "fields": { "affected_customers": { "column": "reach", "values": { "all": 5000 }, "default": 0 } } }""",
            "map.json", Policies.Shipped("saas-follow-the-sun"), null, []).Events!;

        var reach = mapping.Fields.Single(f => f.Field == "affected_customers").Map;
        reach.Map("all").ShouldBe("5000");
        reach.Map("a few").ShouldBe("0");
        Should.Throw<MappingException>(() => Load("""{ "ticket": "id", "time": "at", "type": "kind", "severity": { "column": "p", "default": [] } }"""))
            .Message.ShouldBe("map.json: severity.default: must be a string, a number, true, false or null");
    }

    [Theory]
    [InlineData("""{ "ticket": "id", "time": { "column": "Stamp" }, "type": "kind" }""", "time")]
    [InlineData("""{ "ticket": { "column": "id" }, "time": "at", "type": "kind" }""", "ticket")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "id": { "column": "Event" } }""", "id")]
    [InlineData("""{ "import": "servicenow", "opened": { "column": "opened_at" } }""", "opened")]
    [InlineData("""{ "ticket": "id", "time": "at", "type": "kind", "queue": 3 }""", "queue")]
    public void KeysThatOnlyNameAColumnSayTheyTakeNoObject(string json, string key)
    {
        // importers.md said every column key takes the object form; these name a column and map no values.
        Should.Throw<MappingException>(() => Load(json)).Message.ShouldBe(
            $"map.json: {key}: must be a column name (a string); only keys that map values (severity, issueType, owner, engineering, type, flag, status and fields) take the object {{ \"column\": ..., \"values\": ... }} (docs/importers.md)");
    }

    [Fact]
    public void FieldsThePolicyDoesNotDeclareAreDroppedWithAWarning()
    {
        var warnings = new List<string>();
        var mapping = Load("""{ "ticket": "id", "time": "at", "type": "kind", "fields": { "region": "Region", "impact": "Impact" } }""", warnings).Events!;
        mapping.Fields.Select(f => f.Field).ShouldBe(["impact"]);
        warnings.ShouldBe(["map.json: fields.region: policy 'support' has no settable field 'region'; the column is not passed"]);
    }

    [Fact]
    public void AStatusTheMappingMisspellsIsWarnedOfOnceWhenItLoads()
    {
        // A new user's F8: "awaiting_custmer" in the mapping's own value table was found only per event, in the report.
        var warnings = new List<string>();
        Load("""{ "ticket": "id", "time": "at", "type": "kind", "status": { "column": "State", "values": { "Waiting on customer": "awaiting_custmer", "Working": "in_progress" } } }""", warnings);

        warnings.ShouldBe(["map.json: status.values.Waiting on customer: 'awaiting_custmer' is none of the values policy 'support' names for status, and a text value is taken as written; did you mean awaiting_customer?"]);
    }

    [Fact]
    public void AServiceNowStateTheMappingMisspellsIsWarnedOfToo()
    {
        // The review's F6: "states" is where a ServiceNow user writes awaiting_custmer, and it was not checked.
        var warnings = new List<string>();
        Load("""{ "import": "servicenow", "states": { "Awaiting User Info": "awaiting_custmer", "Awaiting Vendor": "awaiting_customer" } }""", warnings, import: "servicenow");

        warnings.ShouldBe(["map.json: states.Awaiting User Info: 'awaiting_custmer' is none of the values policy 'support' names for status, and a text value is taken as written; did you mean awaiting_customer?"]);
    }

    [Fact]
    public void ARowOfAnotherLengthSaysHowToFixItWithTheMappingsSeparator()
    {
        // An export saved in a European locale: the mapping says ';', and so does the message (F8).
        var json = File.ReadAllText(RepoPaths.Combine("policies", "mappings", "helpdesk-export.json"));
        var mapping = Load("{ \"separator\": \";\"," + json.TrimStart()[1..]).Events!;
        using var file = new TempFile(".csv", """
            Ticket ID;Action;When;Priority;Category;Team;Status;Impact
            HD-1;Opened;02/11/2026 09:12:00;P1;Network;Service Desk;;Outage
            HD-1;Solved;02/11/2026 11:50:00;P1
            HD-1;Solved;02/11/2026 11:50:00;P1;Network;Service Desk;;Outage; still
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);
        var replay = Replays.Run(Policies.Support, source);
        replay.Problems.ShouldBe(
        [
            "export.csv:3: expected 8 columns, found 4; write an empty cell (nothing between two semicolons) for each column the row does not give",
            "export.csv:4: expected 8 columns, found 9; a cell that holds a semicolon goes in double quotes (\"a; b\")",
        ]);
    }

    [Fact]
    public void BadRowsOfAMappedExportNameTheColumn()
    {
        var mapping = Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "helpdesk-export.json"))).Events!;
        using var file = new TempFile(".csv", """
            Ticket ID,Action,When,Priority,Category,Team,Status,Impact
            HD-1,Opened,02/11/2026 09:12:00,P1,Network,Service Desk,,Outage
            HD-1,Escalated,02/11/2026 09:13:00,P1,Network,Service Desk,,Outage
            HD-1,Taken,2026-11-02 09:20,P1,Network,Service Desk,,Outage
            HD-1,Solved,02/11/2026 11:50:00,P1
            ,Solved,02/11/2026 11:50:00,P1,Network,Service Desk,,Outage
            HD-1,Solved,02/11/2026 11:50:00,P1,Network,Service Desk,,Huge
            HD-2,Opened,31/12/1969 23:59:55,P1,Network,Service Desk,,Outage
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);
        var replay = Replays.Run(Policies.Support, source);
        replay.Problems.ShouldBe(
        [
            "export.csv:3: Action: 'Escalated' is not mapped to an event type; add it under \"type\".\"values\" in the mapping (null skips such rows)",
            "export.csv:4: When: '2026-11-02 09:20' is not a time like 29/02/2016 01:16:00 (dd/MM/yyyy HH:mm:ss)",
            "export.csv:5: expected 8 columns, found 4; write an empty cell (nothing between two commas) for each column the row does not give",
            "export.csv:6: Ticket ID: no value; the row belongs to no ticket",
            "export.csv:7: Impact (fields.impact): 'Huge' is not one of production, degraded, minor",
            "export.csv:8: When (at): 1969-12-31T22:59:55Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)",
        ]);
    }

    [Fact]
    public void AMissingTimeOfAMappedExportShowsTheMarkerAsTheOtherImportersDo()
    {
        var mapping = Load("""{ "ticket": "id", "time": "at", "type": "kind", "severity": "sev", "missing": ["n/a"] }""").Events!;
        using var file = new TempFile(".csv", "id,at,kind,sev\nT1,n/a,created,sev1\nT2,,created,sev1\n");
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        Replays.Run(Policies.Support, source).Problems.ShouldBe(["export.csv:2: at: no value ('n/a')", "export.csv:3: at: no value"]);
    }

    [Fact]
    public void AnEngineeringCellThatIsNotTrueOrFalseIsABadRowNotAnAssignmentOutsideEngineering()
    {
        var mapping = Load("""{ "ticket": "id", "time": "at", "type": "kind", "severity": "sev", "owner": "team", "engineering": "eng" }""").Events!;
        using var file = new TempFile(".csv", """
            id,at,kind,sev,team,eng
            T1,2026-11-02T09:00:00Z,created,sev1,frontline,
            T1,2026-11-02T09:05:00Z,assigned,,network,true
            T1,2026-11-02T09:06:00Z,assigned,,backend,Alice
            T1,2026-11-02T09:07:00Z,assigned,,database,yes
            T1,2026-11-02T09:08:00Z,assigned,,frontline,false
            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(
        [
            "export.csv:4: eng: 'Alice' is not true or false; map it under \"engineering\" in a mapping file, with \"values\" or a \"default\" (docs/importers.md)",
            "export.csv:5: eng: 'yes' is not true or false; map it under \"engineering\" in a mapping file, with \"values\" or a \"default\" (docs/importers.md)",
        ]);
        replay.Events.Where(e => e.Kind == TicketEventKind.Assigned).Select(e => $"{e.Owner} {e.Engineering}").ShouldBe(["network True", "frontline False"]);
    }

    [Fact]
    public void AServiceNowEngineeringColumnWithoutTrueOrFalseIsABadRow()
    {
        var mapping = Load("""{ "import": "servicenow", "engineering": "assigned_to" }""", import: "servicenow").ServiceNow!;
        var csv = new SyntheticAuditLog()
            .Row("INC9000001", "New", "1/3/2016 09:05")
            .Row("INC9000001", "Active", "1/3/2016 09:20", mod: 1, assignee: "Resolver 7")
            .ToString();
        using var file = new TempFile(".csv", csv);
        using var source = new ServiceNowEventSource(file.Path, "log.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(["log.csv:3: assigned_to: 'Resolver 7' is not true or false; map it under \"engineering\" in a mapping file, with \"values\" or a \"default\" (docs/importers.md)"]);
    }

    [Fact]
    public void ATicketIdThatIsNotUtf8IsABadRow()
    {
        var mapping = Load("""{ "ticket": "id", "time": "at", "type": "kind", "severity": "sev" }""").Events!;
        using var file = new TempFile(".csv", "");
        File.WriteAllBytes(file.Path, System.Text.Encoding.Latin1.GetBytes("id,at,kind,sev\nT\u00e9,2026-11-02T09:00:00Z,created,sev1\nT\u00e8,2026-11-02T09:05:00Z,created,sev1\n"));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(
        [
            "export.csv:2: id: 'T\uFFFD' is not valid UTF-8 text: bytes that are not UTF-8 read as '\uFFFD', and ids that differ only there would be one; save the export as UTF-8",
            "export.csv:3: id: 'T\uFFFD' is not valid UTF-8 text: bytes that are not UTF-8 read as '\uFFFD', and ids that differ only there would be one; save the export as UTF-8",
        ]);
    }

    [Fact]
    public void IdsHoldingUFFFFAndUFFFDAreTwoTicketsAndOtherCellsReadAsUtf8ReadsThem()
    {
        var mapping = Load("""{ "ticket": "id", "time": "at", "type": "kind", "severity": "sev", "owner": "team" }""").Events!;

        // The last team ends in a Windows-1252 'é' (the byte 0xE9, put where the 0x01 is): a cell that is
        // not an id keeps U+FFFD, as UTF-8 reads it.
        var bytes = System.Text.Encoding.UTF8.GetBytes("id,at,kind,sev,team\nT\uffff,2026-11-02T09:00:00Z,created,sev1,\nT\ufffd,2026-11-02T09:05:00Z,created,sev1,\nT\ufffd,2026-11-02T09:10:00Z,assigned,,Desk\u0001\n");
        bytes[Array.IndexOf(bytes, (byte)1)] = 0xE9;
        using var file = new TempFile(".csv", "");
        File.WriteAllBytes(file.Path, bytes);
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => $"{e.TicketId} {e.Owner}").ShouldBe(["T\uffff ", "T\ufffd ", "T\ufffd Desk\uFFFD"]);
    }
}
