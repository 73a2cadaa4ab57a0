using System.Net;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// An event older than its ticket's latest time when it comes is applied as of that time, after entries later than its
/// own (a user trial's R3: after a migration at 18:04:31.473Z, an event stamped 18:04:31Z was listed after it, the
/// timeline going back in time with no word why). Its timeline entry keeps the event's own time and says as of when it
/// was applied. Real HTTP on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class LateEventTimelineTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task AnEventThatComesAfterAMigrationSaysAsOfWhenItWasApplied()
    {
        await using var engine = await EngineFixture.StartAsync();
        var check = new OpenApiSchemaCheck(JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!);
        await engine.PostEventOk(EngineFixture.Created("s1", "PAY-9", T0, severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(473));
        await engine.RunSupportVersion2();
        (await engine.Http.PostAsync("/v1/tickets/PAY-9:migrate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The ticket counts whole seconds: within the migration's second the event keeps its own time and is not answered late.
        var sameSecond = await engine.PostEventOk(EngineFixture.Event("f1", "PAY-9", T0.AddMinutes(10), "field_set", new { fields = new { request_id = "M-7" } }));
        var earlier = await engine.PostEventOk(EngineFixture.Event("f2", "PAY-9", T0.AddMinutes(9), "field_set", new { fields = new { request_id = "M-8" } }));

        ((bool?)sameSecond["late"]).ShouldBe(false);
        ((bool?)earlier["late"]).ShouldBe(true);
        var text = await engine.TimelineText("PAY-9");
        var lines = text.Split('\n');
        var migrated = Array.FindIndex(lines, l => l.StartsWith("2026-11-02T14:10:00.473Z  rule      ticket migrated from policy support version 1", StringComparison.Ordinal));
        migrated.ShouldBeGreaterThan(0, text);
        lines[(migrated + 1)..(migrated + 5)].ShouldBe(
        [
            "2026-11-02T14:10:00Z      event     event field_set request_id=M-7 (late: applied as of 2026-11-02T14:10:00.473Z)",
            "2026-11-02T14:09:00Z      event     event field_set request_id=M-8 (late: applied as of 2026-11-02T14:10:00.473Z)",
            "",
            "state at 2026-11-02T14:10:00.473Z: open, severity sev2, owner frontline, escalation level 0",
        ], text);

        var timeline = await engine.Http.GetAsync("/v1/tickets/PAY-9/timeline");
        (await check.ErrorsOfAnswer("/v1/tickets/{id}/timeline", "get", timeline)).ShouldBeEmpty();
        var entries = JsonNode.Parse(await timeline.Content.ReadAsStringAsync())!["timeline"]!.AsArray();
        entries.Skip(entries.Count - 2).Select(e => e!.ToJsonString()).ShouldBe(
        [
            """{"at":"2026-11-02T14:10:00Z","kind":"event","text":"event field_set request_id=M-7 (late: applied as of 2026-11-02T14:10:00.473Z)","applied_at":"2026-11-02T14:10:00.473Z"}""",
            """{"at":"2026-11-02T14:09:00Z","kind":"event","text":"event field_set request_id=M-8 (late: applied as of 2026-11-02T14:10:00.473Z)","applied_at":"2026-11-02T14:10:00.473Z"}""",
        ]);
    }

    [Fact]
    public async Task AnEventStampedBeforeTheLatestDeadlineRunSaysAsOfWhenItWasApplied()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20)); // the page at 14:15 goes out in the scheduler's run at 14:20

        var answer = await engine.PostEventOk(EngineFixture.Event("a1", "INC-1", T0.AddMinutes(12), "acknowledged"));

        ((bool?)answer["late"]).ShouldBe(true);
        var text = await engine.TimelineText("INC-1");
        var entries = text.Split("\n\n")[1].Split('\n');
        entries[^4..].ShouldBe(
        [
            "2026-11-02T14:15:00Z  decision  sla_breach frontline: SLA acknowledge breached [INC-1/sla/acknowledge/0]",
            "2026-11-02T14:12:00Z  event     event acknowledged (late: applied as of 2026-11-02T14:20:00Z)",
            "2026-11-02T14:20:00Z  state     Open -> Acknowledged (acknowledged)",
            "2026-11-02T14:20:00Z  sla       SLA acknowledge late: 5m after its target, 2026-11-02T14:15:00Z (it stays breached)",
        ], text);
        var json = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!["timeline"]!.AsArray();
        json.Single(e => (string?)e!["kind"] == "event" && ((string)e["text"]!).StartsWith("event acknowledged", StringComparison.Ordinal))!.ToJsonString()
            .ShouldBe("""{"at":"2026-11-02T14:12:00Z","kind":"event","text":"event acknowledged (late: applied as of 2026-11-02T14:20:00Z)","applied_at":"2026-11-02T14:20:00Z"}""");
    }

    [Fact]
    public async Task OnlyAnEventOlderThanTheTicketsLatestTimeIsMarked()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));
        // At the deadline run's instant, then after it, then within one second: the earlier in the second comes late.
        await engine.PostEventOk(EngineFixture.Event("f1", "INC-1", T0.AddMinutes(20), "field_set", new { fields = new { request_id = "at-the-run" } }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(5));
        await engine.PostEventOk(new { id = "f2", ticket = "INC-1", at = "2026-11-02T14:25:00.500Z", type = "field_set", fields = new { request_id = "later" } });
        await engine.PostEventOk(new { id = "f3", ticket = "INC-1", at = "2026-11-02T14:25:00.200Z", type = "field_set", fields = new { request_id = "earlier-in-the-second" } });

        var json = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!["timeline"]!.AsArray();

        json.Where(e => (string?)e!["kind"] == "event").Select(e => ((string?)e!["at"], (string?)e["text"], (string?)e["applied_at"])).ShouldBe(
        [
            ("2026-11-02T14:00:00Z", "event created severity=sev1 issue_type=network_outage impact=production impact_confirmed=true", null),
            ("2026-11-02T14:20:00Z", "event field_set request_id=at-the-run", null),
            ("2026-11-02T14:25:00.500Z", "event field_set request_id=later", null),
            ("2026-11-02T14:25:00.200Z", "event field_set request_id=earlier-in-the-second (late: applied as of 2026-11-02T14:25:00.500Z)", "2026-11-02T14:25:00.500Z"),
        ]);
        json.Where(e => (string?)e!["kind"] != "event").ShouldAllBe(e => e!["applied_at"] == null);
        (await engine.TimelineText("INC-1")).Split('\n').Count(l => l.Contains("(late: ", StringComparison.Ordinal)).ShouldBe(1);
    }
}
