using System.Net;

namespace EscalationDsl.Engine.Tests;

/// <summary>The operations that take no body refuse one rather than ignore it.</summary>
public sealed class NoBodyTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Theory]
    [InlineData("/v1/tickets/INC-1:migrate", "{\"version\": 3}", "version", "'version' is not read: POST /v1/tickets/{id}:migrate takes no body (it moves the ticket to the running version of its policy); send the request without one.")]
    [InlineData("/v1/tickets/INC-1:migrate", "3", null, "POST /v1/tickets/{id}:migrate takes no body (it moves the ticket to the running version of its policy); send the request without one.")]
    [InlineData("/v1/tickets/INC-1:migrate", "{} {}", null, "POST /v1/tickets/{id}:migrate takes no body (it moves the ticket to the running version of its policy); send the request without one.")]
    [InlineData("/v1/policies/support:migrate", "{\"to\": 2}", "to", "'to' is not read: POST /v1/policies/{name}:migrate takes no body (it moves every open ticket of the policy to its running version); send the request without one.")]
    [InlineData("/v1/policies:reload", "{\"policy\": \"support\"}", "policy", "'policy' is not read: POST /v1/policies:reload takes no body (it re-reads the policy folder); send the request without one.")]
    [InlineData("/v1/policies:reload", "WHITE{\"policy\": \"support\"}", null, "POST /v1/policies:reload takes no body (it re-reads the policy folder); send the request without one.")]
    public async Task ABodySentToAnOperationThatTakesNoneIsRefused(string path, string body, string? field, string detail)
    {
        // WHITE: 5,000 spaces first, more than the check reads; the body was taken for none and ignored.
        body = body.Replace("WHITE", new string(' ', 5000), StringComparison.Ordinal);
        // The body was ignored: a client that sent a target version saw a 200 for what it did not ask.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var response = await engine.Http.PostAsync(path, EngineFixture.Raw(body));

        await EngineFixture.ShouldBeBadRequest(response, field, detail);
    }

    [Theory]
    [InlineData("/v1/tickets/INC-1:migrate")]
    [InlineData("/v1/policies/support:migrate")]
    [InlineData("/v1/policies:reload")]
    public async Task NoBodyAnEmptyOneOrAnEmptyObjectIsTaken(string path)
    {
        // Some clients send {} (or a Content-Type and nothing) for a POST without data.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        foreach (var body in new HttpContent?[] { null, EngineFixture.Raw(""), EngineFixture.Raw(" \n"), EngineFixture.Raw("{}"), EngineFixture.Raw(" { }\n") })
        {
            (await engine.Http.PostAsync(path, body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
