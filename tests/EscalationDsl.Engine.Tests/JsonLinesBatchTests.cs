using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EscalationDsl.Tests;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// <c>POST /v1/events:batch</c> with <c>Content-Type: application/x-ndjson</c>: a scenario file posted as
/// it is (<c>curl --data-binary @scenario.jsonl</c>), checked and answered as a JSON batch, with a bad
/// line named by its number. Real HTTP on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class JsonLinesBatchTests
{
    private const string JsonLines = "application/x-ndjson";
    private static readonly DateTimeOffset T0 = EngineFixture.Start;
    private static readonly string Scenario = File.ReadAllText(RepoPaths.Combine("policies", "events", "sev1-network-outage.jsonl"));

    [Fact]
    public async Task AScenarioFileIsOneBatchAnsweredAsTheSameEventsInJsonAndRetriedOnce()
    {
        // The scenario's comment lines are skipped; its events run to 18:30.
        JsonNode lines, json;
        await using (var engine = await EngineFixture.StartAsync())
        {
            await engine.AdvanceAsync(TimeSpan.FromHours(4.5));
            var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(Scenario, JsonLines));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            lines = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

            // Posted again, every event is a retry: the original answers, replayed, nothing new stored.
            var again = JsonNode.Parse(await (await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(Scenario.Replace("\n", "\r\n", StringComparison.Ordinal), JsonLines))).Content.ReadAsStringAsync())!;
            again["results"]!.AsArray().Select(r => (bool)r!["replayed"]!).ShouldAllBe(r => r);
            again["results"]!.AsArray().Select(r => (string?)r!["event"]).ShouldBe(lines["results"]!.AsArray().Select(r => (string?)r!["event"]));
            ((string?)(await engine.GetJson("/v1/tickets/INC-1042"))!["state"]).ShouldBe("resolved");
        }

        await using (var engine = await EngineFixture.StartAsync())
        {
            await engine.AdvanceAsync(TimeSpan.FromHours(4.5));
            var events = new JsonArray([.. Scenario.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l))]);
            var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(new JsonObject { ["events"] = events }.ToJsonString()));
            json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        lines["results"]!.AsArray().Count.ShouldBe(9);
        lines.ToJsonString().ShouldBe(json.ToJsonString());
    }

    [Fact]
    public async Task AScenarioFileWeeksOldIsTakenWithThePastToleranceEngineMdGives()
    {
        // docs/engine.md#json-lines-batches: the scenario is dated 2026-11-02; an engine whose clock is
        // weeks later refuses it (a new user's F2) until Engine:PastTolerance is raised as the page says.
        var weeksLater = TimeSpan.FromDays(26);
        await using (var engine = await EngineFixture.StartAsync())
        {
            await engine.AdvanceAsync(weeksLater);
            var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(Scenario, JsonLines));

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["title"]).ShouldBe("Ticket created too long ago");
        }

        await using (var engine = await EngineFixture.StartAsync(null, "--Engine:PastTolerance=365.00:00:00"))
        {
            await engine.AdvanceAsync(weeksLater);
            var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(Scenario, JsonLines));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            ((string?)(await engine.GetJson("/v1/tickets/INC-1042"))!["state"]).ShouldBe("resolved");
        }
    }

    [Theory]
    [InlineData(
        "{\"id\":\"b1\",\"ticket\":\"B-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"},\n",
        "line 2: not valid JSON: a ',' after the event's closing '}'; in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md), with no comma between events",
        null)]
    [InlineData(
        "{\"id\":\"b1\",\n",
        "line 2: not valid JSON: the line ends before the event is closed (a '}', ']' or '\"' is missing, or the event is written over several lines); in JSON Lines each event is one whole JSON object on a line of its own (docs/events.md)",
        null)]
    [InlineData(
        "\n# a comment\n{\"id\":\"b1\",\"ticket\":\"B-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"acked\"}\n",
        "line 4: type: 'acked' is not an event type (created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened); did you mean acknowledged?",
        "type")]
    [InlineData(
        "{\"id\":\"b1\",\"ticket\":\"B-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev9\"}\n",
        "line 2: Event 'b1': severity: 'sev9' is not a severity of policy 'support' (sev1, sev2, sev3)",
        "severity")]
    [InlineData(
        "{\"ticket\":\"B-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n",
        "line 2: id: every event needs a unique id, so a retried request is applied once.",
        "id")]
    [InlineData(
        "[1]\r\n",
        "line 2: an event must be a JSON object",
        null)]
    public async Task ABadLineIsNamedByItsNumberAndNothingIsStored(string second, string detail, string? field)
    {
        await using var engine = await EngineFixture.StartAsync();
        var body = "{\"id\":\"a1\",\"ticket\":\"A-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n" + second;

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, JsonLines));

        await EngineFixture.ShouldBeBadRequest(response, field, detail);
        (await engine.Http.GetAsync("/v1/tickets/A-1")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a batch is applied whole or not at all");
    }

    [Fact]
    public async Task ALineThatIsNotUtf8IsNamed()
    {
        await using var engine = await EngineFixture.StartAsync();
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes("# scenario\n{\"id\":\"a1\",\"ticket\":\"A-"), 0xFF, .. Encoding.UTF8.GetBytes("\"}\n")]);
        content.Headers.ContentType = new(JsonLines);

        var response = await engine.Http.PostAsync("/v1/events:batch", content);

        await EngineFixture.ShouldBeBadRequest(response, null, "line 2: not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n\n   \n")]
    // White space esc explain and esc sim skip in an event file was a line that is not JSON here (the review's F17).
    [InlineData("\f\n\v \n\u00A0\n \u00A0# a comment after a no-break space\n")]
    public async Task ABodyWithNoEventLineIsRefused(string body)
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, JsonLines));

        await EngineFixture.ShouldBeBadRequest(response, null, "A batch holds 1 to 10000 events, not 0: the body has no event line (blank lines and lines starting with # are skipped).");
    }

    [Fact]
    public async Task AByteOrderMarkAtTheStartOfALaterLineIsSkipped()
    {
        // Two event files joined with cat, the second saved with a byte order mark (from the review: line 2 was not valid JSON).
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(
            "\uFEFF{\"id\":\"e1\",\"ticket\":\"INC-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n\uFEFF# the second file\n\uFEFF{\"id\":\"e2\",\"ticket\":\"INC-1\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"acknowledged\"}\n",
            JsonLines));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray().Select(r => (string?)r!["state"]).ShouldBe(["open", "acknowledged"]);
    }

    [Fact]
    public async Task AnEventIdUsedForAnotherEventNamesItsLine()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(
            "{\"id\":\"e0\",\"ticket\":\"INC-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"acknowledged\"}\n{\"id\":\"e1\",\"ticket\":\"INC-1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"acknowledged\"}\n",
            JsonLines));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["field"]).ShouldBe("id");
        ((string?)problem["detail"]).ShouldStartWith("line 2: Event id 'e1' was already used for another event");
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitIsTooLargeAsJsonIs()
    {
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:MaxRequestBytes=1024");
        var body = string.Concat(Enumerable.Range(0, 20).Select(i => $"{{\"id\":\"a{i}\",\"ticket\":\"A-{i}\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}}\n"));

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, JsonLines));

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("/v1/events", JsonLines, "Send JSON with Content-Type: application/json, not 'application/x-ndjson; charset=utf-8'; to send JSON Lines (one event a line), POST them to /v1/events:batch.")]
    [InlineData("/v1/events:batch", "text/plain", "Send JSON with Content-Type: application/json, or JSON Lines (one event a line) with Content-Type: application/x-ndjson, not 'text/plain; charset=utf-8'.")]
    public async Task AnotherMediaTypeIsRefusedNamingWhatTheEndpointReads(string path, string type, string detail)
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.Http.PostAsync(path, EngineFixture.Raw("{}", type));

        ((int)response.StatusCode).ShouldBe(415);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]).ShouldBe(detail);
    }
}
