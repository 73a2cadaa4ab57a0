using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// What a migration leaves behind (a user trial's F6): the timeline showed the decisions the new version would
/// have taken in the past as if they were sent, and nothing recorded the move, neither the timeline, the log nor
/// the ticket. Real HTTP on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class MigrationRecordTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task TheTimelineMarksTheMigrationAndTheReplayedDecisionsThatWereNeverSentAlsoAfterARestart()
    {
        await using var engine = await EngineFixture.StartAsync();
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var check = new OpenApiSchemaCheck(JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!);
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-9", T0, severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        var from = (string)(await engine.GetJson("/v1/tickets/INC-9"))!["policy_fingerprint"]!;

        // Version 2 notifies the commander after 5 minutes: at +5m, had it run then; it did not.
        await engine.RunSupportVersion2("after 15m unless acknowledged:  notify commander", "after 5m unless acknowledged:  notify commander");
        var migrate = await engine.Http.PostAsync("/v1/tickets/INC-9:migrate", null);
        migrate.StatusCode.ShouldBe(HttpStatusCode.OK);
        var to = (string)JsonNode.Parse(await migrate.Content.ReadAsStringAsync())!["to_fingerprint"]!;
        await engine.Settled();

        logs.Lines.ShouldContain($"Ticket INC-9 migrated from policy support version 1 ({from}) to version 2 ({to}); decisions the new version would have taken before now were not sent");
        var notified = engine.Delivered().Where(d => (string?)d["kind"] == "notify").ToList();
        notified.ShouldBeEmpty("version 2's notification at +5m was not sent");
        var moved = $"ticket migrated from policy support version 1 ({from}) to version 2 ({to}); the entries before this are a replay of its log under the version this timeline shows, and decisions marked (not sent) there were never sent; " +
            "decisions marked (sent under version N) are not in that replay: an older version sent them";
        var at = "2026-11-02T14:10:00Z";

        for (var run = 0; run < 2; run++)
        {
            var timeline = await engine.Http.GetAsync("/v1/tickets/INC-9/timeline");
            timeline.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await check.ErrorsOfAnswer("/v1/tickets/{id}/timeline", "get", timeline)).ShouldBeEmpty();
            var json = JsonNode.Parse(await timeline.Content.ReadAsStringAsync())!;
            var decisions = json["decisions"]!.AsArray();
            decisions.Select(d => ((string?)d!["kind"], (string?)d["owner"], (string?)d["at"], (bool?)d["sent"]))
                .ShouldContain(("notify", "commander", "2026-11-02T14:05:00Z", false), $"run {run}");
            decisions.Where(d => (string?)d!["kind"] != "notify").Select(d => (bool?)d!["sent"]).ShouldAllBe(sent => sent == true, "the assignment at creation was sent by version 1");
            json["timeline"]!.AsArray().Select(e => ((string?)e!["at"], (string?)e["kind"], (string?)e["text"])).ShouldContain((at, "rule", moved), $"run {run}");
            json["state"]!["migrated"]!.ToJsonString().ShouldBe($$"""{"at":"{{at}}","from_version":1,"from_fingerprint":"{{from}}"}""");

            var text = await engine.TimelineText("INC-9");
            text.ShouldContain("  decision  notify commander: ");
            text.Split('\n').Single(l => l.Contains("notify commander", StringComparison.Ordinal)).ShouldEndWith("(not sent: replayed when the ticket moved to version 2)");
            text.ShouldContain($"{at}  rule      {moved}\n");

            var ticket = await engine.Http.GetAsync("/v1/tickets/INC-9");
            (await check.ErrorsOfAnswer("/v1/tickets/{id}", "get", ticket)).ShouldBeEmpty();
            JsonNode.Parse(await ticket.Content.ReadAsStringAsync())!["migrated"]!.ToJsonString()
                .ShouldBe($$"""{"at":"{{at}}","from_version":1,"from_fingerprint":"{{from}}"}""", $"run {run}");

            // The record is in the database: it survives a restart.
            await engine.StopHostAsync();
            await engine.StartHostAsync();
        }
    }

    [Fact]
    public async Task ATicketThatNeverMovedHasNoMigrationAndEveryDecisionSent()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-1", T0, severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));

        var json = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!;

        json["decisions"]!.AsArray().Select(d => (bool?)d!["sent"]).ShouldAllBe(sent => sent == true);
        json["decisions"]!.AsArray().ShouldContain(d => (string?)d!["kind"] == "notify");
        json["state"]!["migrated"].ShouldBeNull();
        (await engine.GetJson("/v1/tickets/INC-1"))!["migrated"].ShouldBeNull();
    }

    [Fact]
    public async Task ABulkMigrateLogsEachTicketAndOneSummary()
    {
        await using var engine = await EngineFixture.StartAsync();
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        await engine.PostEventOk(EngineFixture.Created("a1", "INC-A", T0));
        await engine.PostEventOk(EngineFixture.Created("b1", "INC-B", T0, severity: "sev3", issueType: "database", fields: new { impact = "degraded" }));
        await engine.RunSupportVersion2("database", "datastore"); // INC-B's created event does not replay under it

        var bulk = await engine.Http.PostAsync("/v1/policies/support:migrate", null);

        bulk.StatusCode.ShouldBe(HttpStatusCode.OK);
        var to = (string)JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!.AsArray()[0]!["to_fingerprint"]!;
        logs.Lines.Count(l => l.StartsWith("Ticket INC-A migrated from policy support version 1 (", StringComparison.Ordinal)).ShouldBe(1);
        logs.Lines.ShouldNotContain(l => l.StartsWith("Ticket INC-B migrated", StringComparison.Ordinal));
        logs.Lines.ShouldContain($"Policy support: 1 of 2 open tickets migrated to version 2 ({to}); 0 on it already, 1 could not move");
    }

    [Fact]
    public async Task ADatabaseFromBeforeMigrationsWereRecordedIsUpgradedAndRecordsTheNextOne()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-9", T0, severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.StopHostAsync();
        OlderSchema.TakeBack(engine.Database, 4);
        await engine.StartHostAsync();
        (await engine.GetJson("/v1/tickets/INC-9"))!["migrated"].ShouldBeNull();
        await engine.RunSupportVersion2();

        (await engine.Http.PostAsync("/v1/tickets/INC-9:migrate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        ((int?)(await engine.GetJson("/v1/tickets/INC-9"))!["migrated"]!["from_version"]).ShouldBe(1);
    }
}
