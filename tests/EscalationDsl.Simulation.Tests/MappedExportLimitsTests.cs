using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>What a report of an export read through a "csv" mapping says the export cannot tell (docs/importers.md).</summary>
public sealed class MappedExportLimitsTests
{
    /// <summary>A Jira-like export: created, status changes and reassignments, nothing else.</summary>
    private const string JiraLike = """
        Issue key,Event,Updated,Status,Priority,Team
        SUP-1,Created,2026-11-02T09:05:00Z,To Do,P1,Desk
        SUP-1,Status Changed,2026-11-02T09:20:00Z,In Progress,P1,Desk
        SUP-1,Reassigned,2026-11-02T09:50:00Z,In Progress,P1,Network Ops
        SUP-1,Status Changed,2026-11-02T14:00:00Z,Done,P1,Network Ops
        SUP-2,Created,2026-11-03T10:00:00Z,To Do,P2,Desk
        SUP-2,Status Changed,2026-11-03T16:00:00Z,Done,P2,Desk
        """;

    private const string JiraMapping = """
        {
          "ticket": "Issue key", "time": "Updated",
          "type": { "column": "Event", "values": { "Created": "created", "Status Changed": "status", "Reassigned": "assigned", "Commented": "customer_update", "Picked up": "acknowledged" } },
          "severity": { "column": "Priority", "values": { "P1": "sev1", "P2": "sev2" } },
          "owner": { "column": "Team", "values": { "Desk": "frontline", "Network Ops": "network" } },
          "status": { "column": "Status", "values": { "To Do": "new", "In Progress": "in_progress", "Done": "done" } },
          "fields": { "impact_confirmed": { "column": "Priority", "values": { "P1": true }, "default": false } }
        }
        """;

    [Fact]
    public void TheReportSaysWhichEventsTheMappingCannotGive()
    {
        // A new user's export had no acknowledgement, update or resolution rows, and the report gave
        // "acknowledge 0.0% (0/2)" and "0 resolved" as facts, with no caveat.
        var report = Run(JiraLike, """
            {
              "ticket": "Issue key", "time": "Updated",
              "type": { "column": "Event", "values": { "Created": "created", "Status Changed": "status", "Reassigned": "assigned" } },
              "severity": { "column": "Priority", "values": { "P1": "sev1", "P2": "sev2" } },
              "owner": { "column": "Team", "values": { "Desk": "frontline", "Network Ops": "network" } },
              "status": { "column": "Status", "values": { "To Do": "new", "In Progress": "in_progress", "Done": "done" } }
            }
            """);

        report.Caveats.ShouldBe(
        [
            "The mapping maps no value of the Event column to acknowledged, so acknowledge is met only by resolution.",
            "The mapping maps no value of the Event column to first_update or customer_update, so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.",
            "The mapping maps no value of the Event column to mitigation, so mitigate is met only by resolution.",
            "The mapping maps no value of the Event column to resolved or closed, so no ticket is resolved: every ticket is open at the end of the input and resolve is never met (a value of the Status column can stand for the event: \"Done\": { \"event\": \"resolved\" } under \"status\".\"values\").",
            "The mapping maps no value of the Event column to severity_changed, so a ticket keeps the severity it was created with: a severity raised later is not seen, and the ticket is measured against its first severity's targets.",
            "No column raises the flags impact_confirmed, security_flagged, new_impact (under \"fields\", or under \"flag\" on flagged rows), so rules that wait for them (page only when, on FLAG) never see them raised.",
        ]);
        report.Sla.Unobserved.ShouldBe(["acknowledge", "first_update", "mitigate"]);
        report.CustomerUpdates.Observed.ShouldBeFalse();
    }

    [Fact]
    public void AnEventTheMappingListsButNoRowGivesIsACaveatToo()
    {
        // "Picked up" and "Commented" are mapped, but this export has no such row: the data shows it.
        var report = Run(JiraLike, JiraMapping);

        report.Caveats.Take(2).ShouldBe(
        [
            "No row of the export is an acknowledged event, so acknowledge is met only by resolution.",
            "No row of the export is a first_update or customer_update event, so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.",
        ]);
        report.Caveats.Last().ShouldStartWith("No column raises the flags security_flagged, new_impact (under ");

        // One row of each, and those caveats go.
        var answered = Run(JiraLike + "\nSUP-1,Picked up,2026-11-02T09:10:00Z,In Progress,P1,Desk\nSUP-1,Commented,2026-11-02T09:30:00Z,In Progress,P1,Desk\n", JiraMapping);
        answered.Caveats.ShouldNotContain(c => c.Contains("acknowledged", StringComparison.Ordinal) || c.Contains("customer_update", StringComparison.Ordinal));
        answered.Sla.Unobserved.ShouldBe(["mitigate"]);
    }

    [Fact]
    public void TheShippedHelpDeskExampleHasOnlyTheCaveatsItsExportEarns()
    {
        var mapping = MappingFile.Load(File.ReadAllText(RepoPaths.Combine("policies", "mappings", "helpdesk-export.json")), "helpdesk-export.json", Policies.Support, null, []).Events!;
        using var source = new MappedCsvEventSource(RepoPaths.Combine("policies", "events", "helpdesk-export.csv"), "helpdesk-export.csv", mapping);

        var report = Replays.Run(Policies.Support, source).Result!.Report;

        report.Caveats.ShouldBe(
        [
            "The mapping maps no value of the Action column to mitigation, so mitigate is met only by resolution.",
            "No column raises the flags impact_confirmed, security_flagged, new_impact (under \"fields\", or under \"flag\" on flagged rows), so rules that wait for them (page only when, on FLAG) never see them raised.",
        ]);
        report.Sla.Unobserved.ShouldBe(["mitigate"]);
    }

    [Fact]
    public void AStatusValueCanStandForAnEventSoDoneRowsResolveTheTicket()
    {
        // "Status Changed -> Done" could not become resolved: every ticket stayed open, silently.
        var json = JiraMapping.Replace("\"Done\": \"done\"", "\"Done\": { \"event\": \"resolved\" }", StringComparison.Ordinal);
        var mapping = MappingFile.Load(json, "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", JiraLike.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => $"{e.TicketId} {Runtime.Events.TicketEventKinds.Name(e.Kind)} {e.Status}").ShouldBe(
        [
            "SUP-1 created ", "SUP-1 status in_progress", "SUP-1 assigned ", "SUP-1 resolved ",
            "SUP-2 created ", "SUP-2 resolved ",
        ]);
        var report = replay.Result!.Report;
        report.Tickets.Resolved.ShouldBe(2);
        report.Caveats.ShouldNotContain(c => c.Contains("resolved or closed", StringComparison.Ordinal));
    }

    [Fact]
    public void AStatusValueNamedAfterAnEventIsWarnedOfOnceAsOnlyAStatus()
    {
        var warnings = new List<string>();
        var mapping = MappingFile.Load(JiraMapping.Replace("\"Done\": \"done\"", "\"Done\": \"resolved\", \"Seen\": \"acknowledged\"", StringComparison.Ordinal), "map.json", Policies.Support, null, warnings).Events!;

        warnings.ShouldBe(
        [
            "map.json: status.values.Done: 'resolved' sets a status named resolved; it does not resolve the ticket. To turn Done rows into resolved events, write \"Done\": { \"event\": \"resolved\" } (docs/importers.md)",
            "map.json: status.values.Seen: 'acknowledged' sets a status named acknowledged; it does not acknowledge the ticket. To turn Seen rows into acknowledged events, write \"Seen\": { \"event\": \"acknowledged\" } (docs/importers.md)",
        ]);
        mapping.StatusEvents.ShouldBeEmpty();

        // A policy whose statuses are an enum without it refuses the value, and says how to write the event.
        Should.Throw<MappingException>(() => MappingFile.Load(
            """{ "ticket": "id", "time": "at", "type": "kind", "status": { "column": "State", "values": { "Done": "resolved" } } }""", "map.json", ItHelpdesk(), null, []))
            .Message.ShouldBe("map.json: status.values.Done: 'resolved' is not a status of policy 'it-helpdesk' (new, in_progress, awaiting_user, awaiting_supplier); for a resolved event, write { \"event\": \"resolved\" } in place of 'resolved'");
    }

    [Theory]
    [InlineData("""{ "event": "assigned" }""", "map.json: status.values.Done.event: a status cannot stand for an assigned event: it carries values of its own, which a status row does not give; a status can stand for acknowledged, first_update, customer_update, workaround_failed, resolved, closed, reopened")]
    [InlineData("""{ "event": "solved" }""", "map.json: status.values.Done.event: 'solved' is not an event type; a status can stand for acknowledged, first_update, customer_update, workaround_failed, resolved, closed, reopened; did you mean resolved?")]
    [InlineData("""{ "type": "resolved" }""", "map.json: status.values.Done.type: unknown key; a status value that stands for an event is { \"event\": \"resolved\" }")]
    [InlineData("{ }", "map.json: status.values.Done.event: required: the event type the status stands for (acknowledged, first_update, customer_update, workaround_failed, resolved, closed, reopened)")]
    public void AStatusThatStandsForAnEventNamesOneThatNeedsOnlyItsTime(string value, string expected)
    {
        var json = $$"""{ "ticket": "id", "time": "at", "type": "kind", "status": { "column": "State", "values": { "Done": {{value}} } } }""";

        Should.Throw<MappingException>(() => MappingFile.Load(json, "map.json", Policies.Support, null, [])).Message.ShouldBe(expected);
    }

    /// <summary>it-helpdesk.esc, whose statuses are an enum without resolved.</summary>
    private static Runtime.CompiledPolicy ItHelpdesk() => Policies.Compile(File.ReadAllText(Path.Combine(RepoPaths.Policies, "it-helpdesk.esc")));

    private static Reporting.SimulationReport Run(string csv, string json)
    {
        var mapping = MappingFile.Load(json, "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", csv.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);
        var replay = Replays.Run(Policies.Support, source);
        replay.Problems.ShouldBeEmpty();
        return replay.Result!.Report;
    }
}
