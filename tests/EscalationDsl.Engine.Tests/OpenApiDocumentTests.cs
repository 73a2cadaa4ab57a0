using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) against what the running engine really answers and
/// accepts: real HTTP, a real SQLite file, a fake clock.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task AnswersHaveEveryMemberTheDocumentRequiresAndNoneItLeavesOut()
    {
        // bad.esc is refused at its first load: it has no name, version, fingerprint or load time.
        var policies = new Dictionary<string, string>
        {
            ["support.esc"] = File.ReadAllText(Path.Combine(EscalationDsl.Tests.RepoPaths.Policies, "support.esc")),
            ["bad.esc"] = "this is not a policy\n",
        };
        await using var engine = await EngineFixture.StartAsync(policies);
        var check = new OpenApiSchemaCheck(JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!);
        var errors = new List<string>();
        async Task<HttpResponseMessage> Answer(string path, string method, Task<HttpResponseMessage> request)
        {
            var response = await request;
            errors.AddRange(await check.ErrorsOfAnswer(path, method, response));
            return response;
        }

        await Answer("/v1/events", "post", engine.PostEvent(EngineFixture.Created("e1", "INC-1", T0)));
        // An owner the policy does not declare leaves the ticket with none: "owner" is left out.
        await Answer("/v1/events", "post", engine.PostEvent(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "assigned", new { owner = "bob" })));
        await Answer("/v1/events:batch", "post", engine.PostBatch(EngineFixture.Created("q1", "Q-1", T0.AddMinutes(1), "sev3"), EngineFixture.Event("q2", "Q-1", T0.AddMinutes(2), "closed")));
        // A status one letter off the one the policy pauses for: the answer has "warnings".
        var warned = await Answer("/v1/events", "post", engine.PostEvent(EngineFixture.Event("e4", "INC-1", T0.AddMinutes(1), "status", new { status = "awaiting customer" })));
        JsonNode.Parse(await warned.Content.ReadAsStringAsync())!["warnings"].ShouldNotBeNull();
        await Answer("/v1/events", "post", engine.PostEvent(EngineFixture.Created("e3", "INC-2", T0, severity: "sev9")));
        // The acknowledge clock breaches: a breached clock has no "due".
        await engine.AdvanceAsync(TimeSpan.FromMinutes(16));

        var ticket = JsonNode.Parse(await (await Answer("/v1/tickets/{id}", "get", engine.Http.GetAsync("/v1/tickets/INC-1"))).Content.ReadAsStringAsync())!;
        ticket["owner"].ShouldBeNull("the ticket has no owner");
        ticket["clocks"]!.AsArray().ShouldContain(c => (string?)c!["status"] == "breached" && c["due"] == null);
        var closed = JsonNode.Parse(await (await Answer("/v1/tickets/{id}", "get", engine.Http.GetAsync("/v1/tickets/Q-1"))).Content.ReadAsStringAsync())!;
        closed["next_deadline"].ShouldBeNull("a closed ticket has no deadline");
        await Answer("/v1/tickets/{id}/timeline", "get", engine.Http.GetAsync("/v1/tickets/INC-1/timeline"));
        using (var text = new HttpRequestMessage(HttpMethod.Get, "/v1/tickets/INC-1/timeline") { Headers = { { "Accept", "text/plain" } } })
        {
            (await Answer("/v1/tickets/{id}/timeline", "get", engine.Http.SendAsync(text))).Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        }

        await Answer("/v1/tickets/{id}", "get", engine.Http.GetAsync("/v1/tickets/NOPE"));
        await Answer("/v1/tickets/{id}:migrate", "post", engine.Http.PostAsync("/v1/tickets/INC-1:migrate", null));
        await Answer("/v1/policies", "get", engine.Http.GetAsync("/v1/policies"));
        await Answer("/v1/policies:reload", "post", engine.Http.PostAsync("/v1/policies:reload", null));
        await Answer("/v1/policies/{name}:migrate", "post", engine.Http.PostAsync("/v1/policies/support:migrate", null));
        var ready = JsonNode.Parse(await (await Answer("/readyz", "get", engine.Http.GetAsync("/readyz"))).Content.ReadAsStringAsync())!;
        ready["policies"]!.AsArray().ShouldContain(p => (string?)p!["status"] == "refused" && p["version"] == null);
        await Answer("/healthz", "get", engine.Http.GetAsync("/healthz"));

        errors.ShouldBeEmpty();
    }

    [Fact]
    public async Task EventsTheEngineTakesFitTheDocumentAndOnesItRefusesDoNot()
    {
        await using var engine = await EngineFixture.StartAsync();
        var doc = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!;
        var check = new OpenApiSchemaCheck(doc);

        // A JSON Lines batch is one event a line.
        ((string?)doc["paths"]!["/v1/events:batch"]!["post"]!["requestBody"]!["content"]!["application/x-ndjson"]!["schema"]!["$ref"]).ShouldBe("#/components/schemas/EventDocument");

        // docs/events.md: only these four are required of every event.
        doc["components"]!["schemas"]!["EventDocument"]!["required"]!.AsArray().Select(r => (string?)r).ShouldBe(["id", "ticket", "at", "type"], ignoreOrder: true);

        var at = T0.ToString("yyyy-MM-ddTHH:mm:ssZ");
        var taken = new (string Path, JsonNode Body)[]
        {
            ("/v1/events", JsonNode.Parse($$$"""{"id":"a1","ticket":"A-1","at":"{{{at}}}","type":"created","severity":"sev3"}""")!),
            ("/v1/events", JsonNode.Parse($$$"""{"id":"a2","ticket":"A-1","at":"{{{at}}}","type":"field_set","fields":{"impact_confirmed":true,"impact":null}}""")!),
            ("/v1/events", JsonNode.Parse($$$"""{"id":"a3","ticket":"A-1","at":"{{{at}}}","type":"assigned","owner":"frontline","engineering":null,"policy":null}""")!),
            ("/v1/events:batch", JsonNode.Parse($$$"""[{"id":"b1","ticket":"B-1","at":"{{{at}}}","type":"created","severity":"sev3"}]""")!),
            ("/v1/events:batch", JsonNode.Parse($$$"""{"events":[{"id":"b2","ticket":"B-1","at":"{{{at}}}","type":"acknowledged"}]}""")!),
        };
        foreach (var (path, body) in taken)
        {
            var response = await engine.Http.PostAsync(path, EngineFixture.Raw(body.ToJsonString()));
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            check.Errors(body, check.RequestBody(path)).ShouldBeEmpty(body.ToJsonString());
        }

        var refused = new (string Path, JsonNode Body)[]
        {
            ("/v1/events", JsonNode.Parse($$$"""{"id":"r1","ticket":"A-1","at":"{{{at}}}","type":"acknowledged","bogus":1}""")!),
            ("/v1/events", JsonNode.Parse($$$"""{"id":"r2","ticket":"A-1","at":"{{{at}}}","type":"acknowledged","fields":{"impact":["production"]}}""")!),
            ("/v1/events", JsonNode.Parse($$$"""{"id":"r3","ticket":"A-1","at":"{{{at}}}","type":"acknowleged"}""")!),
            ("/v1/events", JsonNode.Parse($$$"""{"id":"","ticket":"A-1","at":"{{{at}}}","type":"acknowledged"}""")!),
            ("/v1/events:batch", JsonNode.Parse($$$"""{"events":[{"id":"r4","ticket":"A-1","at":"{{{at}}}","type":"acknowledged"}],"event":{}}""")!),
            ("/v1/events:batch", new JsonArray()),
        };
        foreach (var (path, body) in refused)
        {
            var response = await engine.Http.PostAsync(path, EngineFixture.Raw(body.ToJsonString()));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            check.Errors(body, check.RequestBody(path)).ShouldNotBeEmpty(body.ToJsonString());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OperationsHaveTheirOwnIdsAndStateTheirSecurity(bool keyForReads)
    {
        await using var engine = await EngineFixture.StartAsync(null, $"--Engine:RequireKeyForReads={keyForReads}");
        var doc = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!;

        var operations = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!))).ToList();
        var ids = operations.Select(o => (string?)o.Operation["operationId"]).ToList();
        ids.ShouldAllBe(id => id != null);
        ids.ShouldBeUnique();
        foreach (var (path, method, operation) in operations)
        {
            // An operation without "security" leaves it unsaid; an open one says [] (no key).
            var security = operation["security"].ShouldBeOfType<JsonArray>($"{method} {path}");
            var open = path is "/healthz" or "/readyz" || (method is "get" or "head" && !keyForReads);
            security.Count.ShouldBe(open ? 0 : 1, $"{method} {path}");
            if (method == "head")
            {
                operation["responses"]!.AsObject().ShouldAllBe(r => r.Value!["content"] == null, "a HEAD answer has no body");
            }
        }

        // The servers URL is joined with paths that start with '/'.
        doc["servers"]!.AsArray().ShouldAllBe(s => (string)s!["url"]! == "/" || !((string)s!["url"]!).EndsWith('/'));
    }

    [Fact]
    public async Task NumbersAreTypedAsNumbersOnly()
    {
        await using var engine = await EngineFixture.StartAsync();
        var schemas = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!["components"]!["schemas"]!;

        // The engine writes numbers as JSON numbers; the web defaults' "integer or string" is not what it writes or reads.
        var types = schemas.AsObject()
            .SelectMany(s => s.Value!["properties"]?.AsObject().Select(p => (Member: $"{s.Key}.{p.Key}", Type: p.Value!["type"])) ?? [])
            .Where(p => p.Type is JsonArray many && many.Any(t => (string?)t is "integer" or "number"))
            .Select(p => $"{p.Member}: {p.Type!.ToJsonString()}")
            .ToList();
        types.ShouldNotContain(t => t.Contains("\"string\"", StringComparison.Ordinal));
        schemas["TicketDocument"]!["properties"]!["escalation_level"]!["type"]!.ToJsonString().ShouldBe("\"integer\"");
    }
}
