using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) against what the running engine really answers and
/// accepts: real HTTP, a real SQLite file, a fake clock.
/// </summary>
public sealed class OpenApiDocumentTests
{
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
