using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>An event sent again is applied once; an event id reused for another event is refused.</summary>
public sealed class IdempotencyTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task ReplayingAnEventIdReturnsTheOriginalResultAndStoresNothingNew()
    {
        await using var engine = await EngineFixture.StartAsync();
        var first = await engine.PostEventOk(EngineFixture.Created("e1", "INC-2", T0));
        var again = await engine.PostEventOk(EngineFixture.Created("e1", "INC-2", T0));

        again["replayed"]!.GetValue<bool>().ShouldBeTrue();
        again["state"]!.GetValue<string>().ShouldBe(first["state"]!.GetValue<string>());
        var timeline = (await engine.GetJson("/v1/tickets/INC-2/timeline"))!;
        timeline["timeline"]!.AsArray().Count(e => ((string?)e!["text"])!.StartsWith("event created")).ShouldBe(1);
    }

    [Fact]
    public async Task ARetrySerialisedAnewIsStillTheSameEvent()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0, fields: new { impact = "production", impact_confirmed = "true" }));

        // Members and fields in another order, other spacing, the same instant in another offset.
        var retry = await engine.Http.PostAsync("/v1/events", EngineFixture.Raw(
            """
            { "fields": { "impact_confirmed": "true", "impact": "production" }, "type": "created", "severity": "sev1",
              "issue_type": "network_outage", "at": "2026-11-02T15:00:00+01:00", "ticket": "INC-1", "id": "e1" }
            """));

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await retry.Content.ReadAsStringAsync())!["replayed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Theory]
    [InlineData("INC-9", "2026-11-02T14:00:00Z", "production")]
    [InlineData("INC-1", "2026-11-02T14:01:00Z", "production")]
    [InlineData("INC-1", "2026-11-02T14:00:00Z", "degraded")]
    public async Task AnEventIdReusedForAnotherEventIsAConflictAndNothingIsStored(string ticket, string at, string impact)
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var response = await engine.Http.PostAsync("/v1/events", EngineFixture.Raw(
            $$$"""{"id":"e1","ticket":"{{{ticket}}}","at":"{{{at}}}","type":"created","severity":"sev1","issue_type":"network_outage","fields":{"impact":"{{{impact}}}","impact_confirmed":"true"}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["field"]!.GetValue<string>().ShouldBe("id");
        problem["detail"]!.GetValue<string>().ShouldBe(
            "Event id 'e1' was already used for another event (created of ticket 'INC-1' at 2026-11-02T14:00:00Z); give every event its own id, and resend exactly the same event to retry.");
        if (ticket == "INC-9")
        {
            (await engine.GetJson("/v1/tickets/INC-9")).ShouldBeNull();
        }
    }

    [Fact]
    public async Task ABatchReusingAnEventIdForAnotherEventStoresNothing()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var response = await engine.PostBatch(
            EngineFixture.Created("b1", "INC-9", T0),
            EngineFixture.Created("e1", "INC-10", T0));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["field"]!.GetValue<string>().ShouldBe("events[1].id");
        (await engine.GetJson("/v1/tickets/INC-9")).ShouldBeNull();
        (await engine.GetJson("/v1/tickets/INC-10")).ShouldBeNull();
    }

    [Fact]
    public async Task AnEventSentTwiceInOneBatchIsAnsweredTwiceTheSecondAsAReplay()
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.PostBatch(
            EngineFixture.Created("b1", "INC-2", T0),
            EngineFixture.Event("b2", "INC-2", T0.AddMinutes(1), "acknowledged"),
            EngineFixture.Created("b1", "INC-2", T0));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var results = JsonNode.Parse(body)!["results"]!.AsArray();
        results.Select(r => (string?)r!["event"]).ShouldBe(["b1", "b2", "b1"], "one answer per event, in request order");
        results.Select(r => (bool)r!["replayed"]!).ShouldBe([false, false, true]);
        results[2]!["state"]!.GetValue<string>().ShouldBe(results[0]!["state"]!.GetValue<string>(), "a replay answers as the original did");
    }

    [Fact]
    public async Task ARetriedBatchReplaysEachTicketsLogOnceAndAnswersAsTheOriginalsDid()
    {
        await using var engine = await EngineFixture.StartAsync();
        var opened = T0.AddHours(-2);
        object Update(string ticket, int i) => EngineFixture.Event($"{ticket}-u{i}", ticket, opened.AddSeconds(30 * i), "customer_update");

        // Two requests with a deadline run between them, so the ticket's log has an advance row among the retried events.
        object[] first = [EngineFixture.Created("A-c", "A", opened), .. Enumerable.Range(1, 100).Select(i => Update("A", i)), EngineFixture.Created("B-c", "B", opened), Update("B", 1)];
        object[] second = [.. Enumerable.Range(101, 100).Select(i => Update("A", i)), Update("B", 2)];
        var answers = await Results(engine.PostBatch(first));
        await engine.AdvanceAsync(TimeSpan.FromSeconds(1));
        answers.AddRange(await Results(engine.PostBatch(second)));
        answers.ShouldNotContain(a => (bool)a["replayed"]!);

        var replaysBefore = await engine.Read(loop => loop.RetryReplays);
        var retried = await Results(engine.PostBatch([.. first, .. second]));
        var replays = await engine.Read(loop => loop.RetryReplays) - replaysBefore;

        replays.ShouldBe(2, "one replay of each ticket's log, not one per retried event");
        retried.Select(r => r.ToJsonString()).ShouldBe(answers.Select(a => { a["replayed"] = true; return a.ToJsonString(); }));

        static async Task<List<JsonObject>> Results(Task<HttpResponseMessage> posted)
        {
            var response = await posted;
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            return JsonNode.Parse(body)!["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        }
    }

    [Fact]
    public async Task ANewEventReusingTheIdOfAnotherTicketsDamagedRowIsAConflictNamingTheId()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("d1", "T4", T0));
        await engine.PostEventOk(EngineFixture.Event("d2", "T4", T0.AddMinutes(1), "acknowledged"));
        await engine.RestartWithDamagedEvent("d2"); // T4 is set aside: its log does not replay

        var response = await engine.PostBatch(
            EngineFixture.Created("n1", "T5", T0.AddMinutes(2)),
            EngineFixture.Created("d2", "T6", T0.AddMinutes(2)));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["field"]).ShouldBe("events[1].id");
        ((string?)problem["detail"]).ShouldBe(
            "Event id 'd2' was already used for an event of ticket 'T4' (its stored row cannot be read); give every event its own id, and resend exactly the same event to retry.");
        (await engine.GetJson("/v1/tickets/T5")).ShouldBeNull("nothing of the request is stored");
        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("d2", "T4", T0.AddMinutes(1), "acknowledged")), "T4", "ticket");
        await engine.PostEventOk(EngineFixture.Created("n1", "T5", T0.AddMinutes(2)));
    }

    [Fact]
    public async Task ARetryForAClosedTicketWithADamagedRowIsTicketUnavailable()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("c1", "T7", T0));
        await engine.PostEventOk(EngineFixture.Event("c2", "T7", T0.AddMinutes(1), "resolved"));
        await engine.PostEventOk(EngineFixture.Event("c3", "T7", T0.AddMinutes(2), "closed"));
        await engine.RestartWithDamagedEvent("c2"); // closed tickets are not replayed at start: the retry's replay finds the damage

        // The retried event's own row is whole, the damaged one is before it; then the damaged row's own retry.
        await EngineFixture.ShouldBeUnavailable(await engine.PostBatch(
            EngineFixture.Created("n1", "T8", T0.AddMinutes(2)),
            EngineFixture.Event("c3", "T7", T0.AddMinutes(2), "closed")), "T7", "events[1].ticket");
        (await engine.GetJson("/v1/tickets/T8")).ShouldBeNull("nothing of the request is stored");
        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("c2", "T7", T0.AddMinutes(1), "resolved")), "T7", "ticket");
        await engine.PostEventOk(EngineFixture.Created("n1", "T8", T0.AddMinutes(2)));
    }
}
