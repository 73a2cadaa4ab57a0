using System.Net;
using System.Text.Json.Nodes;
using EscalationDsl.Cli;
using EscalationDsl.Tests;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// <c>esc sim --emit-events</c> writes a file the engine takes as it is: every event has an id (a new
/// user's F16: without one each line was refused, 400 <c>id</c>), and the same ids each time, so the
/// file posted again is a retry. Real HTTP on 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class EmittedEventsTests
{
    [Fact]
    public async Task AnImportsEmittedEventsArePostedAsTheyAreAndPostedAgainAsRetries()
    {
        var emitted = Path.Combine(Path.GetTempPath(), $"esc-emit-{Guid.NewGuid():N}.jsonl");
        try
        {
            Sim("sim", "policies/support.esc", "--map", "policies/mappings/helpdesk-export.json", "--tickets", "policies/events/helpdesk-export.csv", "--emit-events", emitted, "--quiet");
            var body = File.ReadAllText(emitted);
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

            await using var engine = await EngineFixture.StartAsync();

            // The export runs from 2026-11-02T09:12Z to 2026-11-05T09:00Z: it is posted after its last event, as a history is.
            await engine.AdvanceAsync(new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero) - EngineFixture.Start);
            var first = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, "application/x-ndjson"));
            var firstText = await first.Content.ReadAsStringAsync();
            first.StatusCode.ShouldBe(HttpStatusCode.OK, firstText);
            var results = JsonNode.Parse(firstText)!["results"]!.AsArray();
            results.Count.ShouldBe(lines);
            results.Select(r => (bool)r!["replayed"]!).ShouldAllBe(r => !r);

            var again = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, "application/x-ndjson"));
            var againText = await again.Content.ReadAsStringAsync();
            again.StatusCode.ShouldBe(HttpStatusCode.OK, againText);
            var retried = JsonNode.Parse(againText)!["results"]!.AsArray();
            retried.Select(r => (bool)r!["replayed"]!).ShouldAllBe(r => r);
            retried.Select(r => (string?)r!["event"]).ShouldBe(results.Select(r => (string?)r!["event"]));
            ((string?)(await engine.GetJson("/v1/tickets/HD-102"))!["state"]).ShouldBe("closed");
        }
        finally
        {
            File.Delete(emitted);
        }
    }

    private static void Sim(params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        EscApp.Run(args, new CliConsole(output, error, Stream.Null, Color: false, RepoPaths.Root)).ShouldBe(0, error.ToString());
    }
}
