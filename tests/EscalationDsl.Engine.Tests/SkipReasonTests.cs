using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// <c>GET /v1/tickets/{id}</c> marks a pending step that would be skipped when it falls due if no event
/// came before then (<c>skip_reason</c>), as <c>esc explain</c>'s state does (the trainer's F12). Real HTTP
/// on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class SkipReasonTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task TheTicketReadSaysWhichPendingStepsTheirConditionsWouldSkip()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(5), "acknowledged"));
        await engine.PostEventOk(EngineFixture.Created("e3", "INC-2", T0));

        var response = await engine.Http.GetAsync("/v1/tickets/INC-1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var clocks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["clocks"]!.AsArray();
        // support.esc's sev1_production: #0 `after 15m unless acknowledged`, and the ticket is acknowledged.
        var first = clocks.Single(c => (string?)c!["name"] == "sev1_production #0")!;
        ((string?)first["status"]).ShouldBe("pending");
        ((string?)first["due"]).ShouldBe("2026-11-02T14:15:00Z");
        ((string?)first["skip_reason"]).ShouldBe("`acknowledged` holds");
        clocks.Count(c => c!["skip_reason"] is not null).ShouldBe(1);

        // Not acknowledged: nothing is skipped.
        var other = (await engine.GetJson("/v1/tickets/INC-2"))!["clocks"]!.AsArray();
        other.ShouldContain(c => (string?)c!["name"] == "sev1_production #0");
        other.ShouldAllBe(c => c!["skip_reason"] == null);

        // The member is in the OpenAPI document, and the answer fits it.
        var check = new OpenApiSchemaCheck(JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!);
        (await check.ErrorsOfAnswer("/v1/tickets/{id}", "get", await engine.Http.GetAsync("/v1/tickets/INC-1"))).ShouldBeEmpty();

        // The timeline's state, as JSON and as text, says it too.
        var timeline = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!;
        ((string?)timeline["state"]!["clocks"]!.AsArray().Single(c => (string?)c!["name"] == "sev1_production #0")!["skip_reason"]).ShouldBe("`acknowledged` holds");
        using var text = new HttpRequestMessage(HttpMethod.Get, "/v1/tickets/INC-1/timeline");
        text.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        (await (await engine.Http.SendAsync(text)).Content.ReadAsStringAsync())
            .ShouldContain("\n  sev1_production #0           pending due 2026-11-02T14:15:00Z  (after 15m unless acknowledged)  — skipped when due if no event comes before then: `acknowledged` holds\n");
    }

    [Fact]
    public async Task TheTicketReadSaysWhichPendingStepsARequireGuardWouldBlock()
    {
        // support.esc requires request_id, occurred_at and client_version before escalating an auth_failure: #2 and
        // #3 of sev1_production fire when due with their escalations blocked.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0, issueType: "auth_failure"));

        var clocks = (await engine.GetJson("/v1/tickets/INC-1"))!["clocks"]!.AsArray();

        ((string?)clocks.Single(c => (string?)c!["name"] == "sev1_production #2")!["block_reason"]).ShouldBe("escalation blocked until request_id, occurred_at, client_version are set");
        clocks.Count(c => c!["block_reason"] is not null).ShouldBe(2);
        var check = new OpenApiSchemaCheck(JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!);
        (await check.ErrorsOfAnswer("/v1/tickets/{id}", "get", await engine.Http.GetAsync("/v1/tickets/INC-1"))).ShouldBeEmpty();
        JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!.ToJsonString().ShouldContain("block_reason");
    }

    [Fact]
    public async Task AConditionThatTimeMakesTrueBeforeTheDueTimeIsMarkedWhileTheTicketWaits()
    {
        // The review's stale case: no event after the acknowledgement at 14:05, so the ticket's latest time stays
        // there while the engine's clock moves on; at 15:00 `acknowledged older than 20m` holds and the step is skipped.
        const string Policy = """
            policy "stale" version 1
            owners {
                team  frontline   "Front" reports to commander
                role  commander   "Commander"
            }
            fields {
                impact enum [production, degraded]
                impact_confirmed flag
            }
            severity sev1 "Crit" {
                acknowledge within 15m
            }
            escalation r for sev1 {
                owner frontline
                after 60m unless acknowledged older than 20m: notify commander
            }
            """;
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["stale.esc"] = Policy });
        await engine.PostEventOk(EngineFixture.Created("e1", "S-1", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "S-1", T0.AddMinutes(5), "acknowledged"));

        // The engine's clock at 14:10, then at 14:50.
        foreach (var minutes in new[] { 10, 40 })
        {
            await engine.AdvanceAsync(TimeSpan.FromMinutes(minutes));
            var step = (await engine.GetJson("/v1/tickets/S-1"))!["clocks"]!.AsArray().Single(c => (string?)c!["name"] == "r #0")!;
            ((string?)step["due"]).ShouldBe("2026-11-02T15:00:00Z");
            ((string?)step["skip_reason"]).ShouldBe("`acknowledged older than 20m` holds", $"after {minutes} more minutes");
        }

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        var timeline = (await engine.GetJson("/v1/tickets/S-1/timeline"))!["timeline"]!.AsArray();
        timeline.ShouldContain(e => (string?)e!["at"] == "2026-11-02T15:00:00Z" && ((string?)e["text"])!.StartsWith("r #0 (after 1h unless acknowledged older than 20m): skipped, `unless` holds", StringComparison.Ordinal), timeline.ToJsonString());
    }

    [Fact]
    public async Task TheTicketReadKeepsThePausedCadenceAndSaysWhatABlockedStepWaitsForAndWhereABreachHappened()
    {
        // A trainer's trial: INC-1's customer update row vanished while the SLA was paused (T1); INC-2's blocked
        // escalation gave no reason once two of the three required fields had come (T2); INC-3's acknowledge
        // breach did not say it happened under sev1 once the ticket was sev3 (T6).
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e4", "INC-2", T0, issueType: "auth_failure"));
        await engine.PostEventOk(EngineFixture.Created("e5", "INC-3", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(10), "first_update"));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-1", T0.AddMinutes(20), "status", new { status = "awaiting_customer" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await engine.PostEventOk(EngineFixture.Event("e6", "INC-2", T0.AddMinutes(35), "field_set", new { fields = new { request_id = "r1", occurred_at = "2026-11-02T13:00:00Z" } }));
        await engine.PostEventOk(EngineFixture.Event("e7", "INC-3", T0.AddMinutes(35), "severity_changed", new { severity = "sev3" }));

        var paused = (await engine.GetJson("/v1/tickets/INC-1"))!["clocks"]!.AsArray().Single(c => (string?)c!["name"] == "customer update")!;
        ((string?)paused["status"]).ShouldBe("paused");
        paused["due"].ShouldBeNull();
        var blocked = (await engine.GetJson("/v1/tickets/INC-2"))!["clocks"]!.AsArray().Single(c => (string?)c!["name"] == "sev1_production #2")!;
        ((string?)blocked["status"]).ShouldBe("blocked");
        ((string?)blocked["block_reason"]).ShouldBe("escalation blocked until client_version is set");
        var breached = (await engine.GetJson("/v1/tickets/INC-3"))!["clocks"]!.AsArray().Single(c => (string?)c!["name"] == "sla acknowledge")!;
        ((string?)breached["status"]).ShouldBe("breached");
        ((string?)breached["breached_under"]).ShouldBe("sev1");

        // The answers fit the OpenAPI document, which lists the new member.
        var document = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!;
        document.ToJsonString().ShouldContain("breached_under");
        var check = new OpenApiSchemaCheck(document);
        foreach (var ticket in new[] { "INC-1", "INC-2", "INC-3" })
        {
            (await check.ErrorsOfAnswer("/v1/tickets/{id}", "get", await engine.Http.GetAsync($"/v1/tickets/{ticket}"))).ShouldBeEmpty(ticket);
        }
    }
}
