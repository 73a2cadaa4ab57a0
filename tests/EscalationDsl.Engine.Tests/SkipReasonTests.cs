using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// <c>GET /v1/tickets/{id}</c> marks a pending step that would be skipped when it falls due if the ticket
/// stayed as it is (<c>skip_reason</c>), as <c>esc explain</c>'s state does (the trainer's F12). Real HTTP
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
            .ShouldContain("\n  sev1_production #0           pending due 2026-11-02T14:15:00Z  (after 15m unless acknowledged)  — skipped if still so when due: `acknowledged` holds\n");
    }
}
