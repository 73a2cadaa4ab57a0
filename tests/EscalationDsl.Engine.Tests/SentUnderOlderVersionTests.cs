using System.Net;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// The timeline of a migrated ticket is its log replayed under the version it runs now: a page an older version
/// sent, that the new one does not take, was missing from it, and an operator could not see that on-call was
/// paged. It is shown at its instant, marked with the version that sent it. Real HTTP on 127.0.0.1, a real SQLite
/// file, a fake clock.
/// </summary>
public sealed class SentUnderOlderVersionTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task APageAnOlderVersionSentIsInTheTimelineAtItsInstantMarkedWithThatVersion()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count == 1), "the page is delivered");
        engine.Delivered().Select(d => ((string?)d["kind"], (string?)d["owner"], (int?)d["policy_version"])).ShouldBe([("page", "oncall", 1)]);

        var moved = await Migrate(engine, "INC-1", Pager(2, "pages", "after 30m unless acknowledged: notify frontline"));

        var json = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!;
        json["decisions"]!.ToJsonString().ShouldBe(
            """[{"id":"INC-1/pages/0/1/0.0","kind":"page","owner":"oncall","at":"2026-11-02T14:10:00Z","detail":"page","sent":true,"sent_under_version":1}]""");
        var text = await engine.TimelineText("INC-1");
        Entries(text).ShouldBe(
        [
            .. Created,
            "2026-11-02T14:10:00Z  decision  page oncall: page [INC-1/pages/0/1/0.0] (sent under version 1; version 2 does not take it)",
            $"2026-11-02T14:12:00Z  rule      {moved}",
        ]);
    }

    [Fact]
    public async Task APageAnOlderVersionSentStandsBeforeALateEventThatCameAfterIt()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-5", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12)); // the page due at 14:10 goes out in the scheduler's run at 14:12
        await engine.PostEventOk(EngineFixture.Event("f1", "INC-5", T0.AddMinutes(9), "field_set", new { fields = new { impact = "degraded" } }));

        var moved = await Migrate(engine, "INC-5", Pager(2, "pages", "after 30m unless acknowledged: notify frontline"));

        // The late event stands where it was applied, at 14:12: after the page, though its own time is earlier.
        Entries(await engine.TimelineText("INC-5")).ShouldBe(
        [
            .. Created,
            "2026-11-02T14:10:00Z  decision  page oncall: page [INC-5/pages/0/1/0.0] (sent under version 1; version 2 does not take it)",
            "2026-11-02T14:09:00Z  event     event field_set impact=degraded (late: applied as of 2026-11-02T14:12:00Z)",
            $"2026-11-02T14:12:00Z  rule      {moved}",
        ]);
    }

    [Fact]
    public async Task ThroughThreeVersionsEachDecisionSentIsMarkedWithTheVersionThatSentItAlsoAfterARestart()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-3", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));
        var first = await Migrate(engine, "INC-3", Pager(2, "notices", "after 20m unless acknowledged: notify oncall"));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(13));
        var second = await Migrate(engine, "INC-3", Pager(3, "later", "after 2h unless acknowledged: notify frontline"));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count == 2), "the page and the notification are delivered");
        engine.Delivered().Select(d => ((string?)d["kind"], (string?)d["at"], (int?)d["policy_version"]))
            .ShouldBe([("page", "2026-11-02T14:10:00Z", 1), ("notify", "2026-11-02T14:20:00Z", 2)]);

        for (var run = 0; run < 2; run++)
        {
            var json = (await engine.GetJson("/v1/tickets/INC-3/timeline"))!;
            json["decisions"]!.AsArray().Select(d => ((string?)d!["id"], (string?)d["kind"], (string?)d["at"], (bool?)d["sent"], (int?)d["sent_under_version"])).ShouldBe(
            [
                ("INC-3/pages/0/1/0.0", "page", "2026-11-02T14:10:00Z", true, 1),
                ("INC-3/notices/0/1/0.0", "notify", "2026-11-02T14:20:00Z", true, 2),
            ], $"run {run}");
            Entries(await engine.TimelineText("INC-3"))[^4..].ShouldBe(
            [
                "2026-11-02T14:10:00Z  decision  page oncall: page [INC-3/pages/0/1/0.0] (sent under version 1; version 3 does not take it)",
                $"2026-11-02T14:12:00Z  rule      {first}",
                "2026-11-02T14:20:00Z  decision  notify oncall: notification [INC-3/notices/0/1/0.0] (sent under version 2; version 3 does not take it)",
                $"2026-11-02T14:25:00Z  rule      {second}",
            ], $"run {run}");

            await engine.StopHostAsync();
            await engine.StartHostAsync();
        }
    }

    [Fact]
    public async Task AReplayedDecisionWithTheIdOfOneSentAsAnotherKindIsNotSentAndTheSentOneFollowsIt()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-2", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));

        // Version 2 notifies where version 1 paged: the same step, so the same decision id, taken as another kind.
        var moved = await Migrate(engine, "INC-2", Pager(2, "pages", "after 10m unless acknowledged: notify oncall"));

        var json = (await engine.GetJson("/v1/tickets/INC-2/timeline"))!;
        json["decisions"]!.ToJsonString().ShouldBe(
            """[{"id":"INC-2/pages/0/1/0.0","kind":"notify","owner":"oncall","at":"2026-11-02T14:10:00Z","detail":"notification","sent":false},""" +
            """{"id":"INC-2/pages/0/1/0.0","kind":"page","owner":"oncall","at":"2026-11-02T14:10:00Z","detail":"page","sent":true,"sent_under_version":1}]""");
        Entries(await engine.TimelineText("INC-2"))[^3..].ShouldBe(
        [
            "2026-11-02T14:10:00Z  decision  notify oncall: notification [INC-2/pages/0/1/0.0] (not sent: replayed when the ticket moved to version 2)",
            "2026-11-02T14:10:00Z  decision  page oncall: page [INC-2/pages/0/1/0.0] (sent under version 1; version 2 does not take it)",
            $"2026-11-02T14:12:00Z  rule      {moved}",
        ]);
    }

    [Fact]
    public async Task ADecisionTheNewVersionTakesLaterUnderTheIdOfOneAnOlderVersionSentIsNotSentAndSaysSo()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-4", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));

        // The same step at 30m: its decision at 14:30 has the id of the page, which the outbox holds, so it is not stored again nor routed.
        await Migrate(engine, "INC-4", Pager(2, "pages", "after 30m unless acknowledged: notify frontline"));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));
        var stored = await engine.Read(l => l.SentDecisions("INC-4"));
        stored.Select(d => (d.Id, d.Kind, d.Owner)).ShouldBe([("INC-4/pages/0/1/0.0", "page", "oncall")]);

        var json = (await engine.GetJson("/v1/tickets/INC-4/timeline"))!;
        json["decisions"]!.AsArray().Select(d => ((string?)d!["kind"], (string?)d["at"], (bool?)d["sent"], (int?)d["sent_under_version"])).ShouldBe(
        [
            ("page", "2026-11-02T14:10:00Z", true, 1),
            ("notify", "2026-11-02T14:30:00Z", false, null),
        ]);
        Entries(await engine.TimelineText("INC-4")).ShouldContain(
            "2026-11-02T14:30:00Z  decision  notify frontline: notification [INC-4/pages/0/1/0.0] (not sent: the outbox holds a decision with this id that version 1 sent)");
    }

    [Fact]
    public async Task StopPagingAfterAMigrationStopsThePageAnOlderVersionSentAlsoAfterARestart()
    {
        // A review: the flag that says pages went out came from the replay under version 2, which only notifies, so
        // the deescalation sent no stop_paging and on-call's page from version 1 was never stopped.
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: page oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-6", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));
        await Migrate(engine, "INC-6", Pager(2, "pages", "after 10m unless acknowledged: notify oncall", Deescalation));
        await engine.StopHostAsync();
        await engine.StartHostAsync();

        await engine.PostEventOk(EngineFixture.Event("f1", "INC-6", T0.AddMinutes(15), "field_set", new { fields = new { impact = "degraded" } }));

        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count == 2), "the page and its stop are delivered");
        engine.Delivered().Select(d => ((string?)d["kind"], (int?)d["policy_version"])).ShouldBe([("page", 1), ("stop_paging", 2)]);
    }

    [Fact]
    public async Task StopPagingAfterAMigrationSendsNothingForAPageOnlyTheReplayTook()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager(1, "pages", "after 10m unless acknowledged: notify oncall") });
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-7", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(12));
        await Migrate(engine, "INC-7", Pager(2, "pages", "after 10m unless acknowledged: page oncall", Deescalation));

        await engine.PostEventOk(EngineFixture.Event("f1", "INC-7", T0.AddMinutes(15), "field_set", new { fields = new { impact = "degraded" } }));
        await engine.Settled();

        // The timeline replays the log under version 2, page and stop included, marked not sent; the outbox has neither.
        (await engine.Read(l => l.SentDecisions("INC-7"))).Select(d => d.Kind).ShouldBe(["notify"]);
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count == 1), "the notification is delivered");
        engine.Delivered().Select(d => (string?)d["kind"]).ShouldBe(["notify"]);
    }

    private const string Deescalation = "deescalate when impact == degraded { stop paging }";

    /// <summary>The entries of a ticket created at 14:00 under <see cref="Pager"/> with a step after 30m.</summary>
    private static readonly string[] Created =
    [
        "2026-11-02T14:00:00Z  event     event created severity=sev1 issue_type=network_outage impact=production impact_confirmed=true",
        "2026-11-02T14:00:00Z  deadline  SLA acknowledge due: 2026-11-02T14:00:00Z + 1h = 2026-11-02T15:00:00Z",
        "2026-11-02T14:00:00Z  rule      rule pages applies",
        "2026-11-02T14:00:00Z  rule      owner frontline (the rule's starting owner)",
        "2026-11-02T14:00:00Z  deadline  pages #0 (after 30m unless acknowledged): 2026-11-02T14:00:00Z + 30m = 2026-11-02T14:30:00Z",
    ];

    /// <summary>The policy "pager" at <paramref name="version"/> with one escalation, <paramref name="rule"/>, and its one step.</summary>
    private static string Pager(int version, string rule, string step, string more = "") => $$"""
        policy "pager" version {{version}}

        owners {
            team  frontline "Front-line support"
            group oncall    "On-call engineering"
        }

        fields {
            issue_type       enum [network_outage, database]
            impact           enum [production, degraded]
            impact_confirmed flag
        }

        severity sev1 "Critical" {
            acknowledge within 1h
        }

        escalation {{rule}} for sev1 {
            owner frontline
            {{step}}
        }

        {{more}}
        """;

    /// <summary>Runs <paramref name="policy"/> (a new version of pager.esc) and moves the ticket to it; the migration's timeline entry.</summary>
    private static async Task<string> Migrate(EngineFixture engine, string ticket, string policy)
    {
        File.WriteAllText(Path.Combine(engine.Policies, "pager.esc"), policy);
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await engine.Http.PostAsync($"/v1/tickets/{ticket}:migrate", null);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        await engine.Settled();
        var m = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        return $"ticket migrated from policy pager version {m["from_version"]} ({m["from_fingerprint"]}) to version {m["to_version"]} ({m["to_fingerprint"]}); " +
            "the entries before this are a replay of its log under the version this timeline shows, and decisions marked (not sent) there were never sent; " +
            "decisions marked (sent under version N) are not in that replay: an older version sent them";
    }

    /// <summary>The text timeline's entries: the lines between the header and the state block.</summary>
    private static List<string> Entries(string text) => text.Split("\n\n")[1].Split('\n').ToList();
}
