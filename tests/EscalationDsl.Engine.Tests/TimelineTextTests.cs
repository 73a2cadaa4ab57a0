using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using EscalationDsl.Cli;
using EscalationDsl.Tests;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// <c>GET /v1/tickets/{id}/timeline</c> with <c>Accept: text/plain</c>: the text <c>esc explain</c> prints,
/// for a live drill on a screen (the trainer's F17). Real HTTP on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class TimelineTextTests
{
    private static readonly string Scenario = RepoPaths.Combine("policies", "events", "sev1-network-outage.jsonl");

    [Fact]
    public async Task TheTimelineAsTextIsWhatEscExplainPrintsForTheSameEvents()
    {
        await using var engine = await EngineFixture.StartAsync();
        // The scenario starts at the fixture's clock: each event is posted when it happens, and the
        // deadlines between them run as the clock moves on.
        foreach (var line in File.ReadLines(Scenario).Where(l => l.StartsWith('{')))
        {
            var e = JsonNode.Parse(line)!;
            var at = DateTimeOffset.Parse((string)e["at"]!, System.Globalization.CultureInfo.InvariantCulture);
            if (at > engine.Time.GetUtcNow())
            {
                await engine.AdvanceAsync(at - engine.Time.GetUtcNow());
            }

            (await engine.PostEvent(e)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var response = await Get(engine, "/v1/tickets/INC-1042/timeline", "text/plain");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; charset=utf-8");
        response.Headers.Vary.ShouldContain("Accept");
        var explain = Explain("explain", RepoPaths.Combine("policies", "support.esc"), "--events", Scenario);
        (await response.Content.ReadAsStringAsync()).ShouldBe(explain);
    }

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/plain; charset=utf-8", true)]
    [InlineData("text/*", true)]
    [InlineData("text/plain, application/json;q=0.5", true)]
    [InlineData("application/json;q=0.9, text/plain", true)]
    [InlineData(null, false)]
    [InlineData("application/json", false)]
    [InlineData("*/*", false)]
    [InlineData("text/plain, application/json", false)]
    [InlineData("text/plain;q=0.5, */*", false)]
    [InlineData("text/html", false)]
    [InlineData("text/plain;q=0", false)]
    [InlineData("not a media type", false)]
    public async Task JsonStaysTheAnswerUnlessTextIsPreferred(string? accept, bool text)
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start));

        var response = await Get(engine, "/v1/tickets/INC-1/timeline", accept);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        if (text)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
            body.ShouldStartWith("ticket INC-1 under policy support version 1\n\n2026-11-02T14:00:00Z  event     event created severity=sev1");
            body.ShouldContain("\nstate at 2026-11-02T14:00:00Z: open, severity sev1, owner frontline, escalation level 0\n");
        }
        else
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            ((string?)JsonNode.Parse(body)!["ticket"]).ShouldBe("INC-1");
        }
    }

    [Fact]
    public async Task AskedForTextAnUnknownTicketIsStillAProblem()
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await Get(engine, "/v1/tickets/NOPE/timeline", "text/plain");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]).ShouldBe("Ticket 'NOPE' does not exist.");
    }

    [Fact]
    public async Task HeadAskedForTextHasTheTextsHeadersAndNoBody()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start));

        using var request = new HttpRequestMessage(HttpMethod.Head, "/v1/tickets/INC-1/timeline");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        var response = await engine.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("/v1/tickets/nope/timeline", null, 404)]
    [InlineData("/v1/tickets/nope/timeline", "text/plain", 404)]
    [InlineData("/v1/tickets/nope", "text/html", 404)]
    [InlineData("/v1/deliveries?status=pending", "text/plain", 400)]
    [InlineData("/v1/nothing", "text/plain", 404)]
    public async Task EveryProblemCarriesTheRequestsTraceIdWhateverItAccepts(string path, string? accept, int status)
    {
        // A crash hunt: with Accept: text/plain (a reader of the text timeline) or text/html (a browser) problems had none.
        await using var engine = await EngineFixture.StartAsync();

        var response = await Get(engine, path, accept);

        ((int)response.StatusCode).ShouldBe(status);
        var body = await response.Content.ReadAsStringAsync();
        var traceId = (string?)JsonNode.Parse(body)!["trace_id"];
        traceId.ShouldNotBeNull(body);
        traceId.ShouldNotBeNull().ShouldMatch("^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");
    }

    private static async Task<HttpResponseMessage> Get(EngineFixture engine, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept).ShouldBeTrue();
        }

        return await engine.Http.SendAsync(request);
    }

    /// <summary>Runs the real <c>esc</c> command in-process and returns what it prints.</summary>
    private static string Explain(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = EscApp.Run(args, new CliConsole(output, error, Stream.Null, Color: false, RepoPaths.Root));
        code.ShouldBe(0, error.ToString());
        return output.ToString();
    }
}
