using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A policy file present but refused, as an operator running two policies meets it: the created event
/// for it, the refusal counter and gauge, and the log of reloads that change nothing about it.
/// </summary>
public sealed class RefusedFileTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    /// <summary>A policy that does not bind: its rule names an owner it does not declare.</summary>
    private const string Facilities = """
        policy "facilities" version 1
        owners {
            team desk "Facilities desk"
        }
        severity p1 "Urgent" {
            acknowledge within 30m
        }
        escalation triage for p1 {
            owner desk
            after 20m unless acknowledged: notify janitor
        }
        """;

    [Fact]
    public async Task ACreatedEventForAPolicyWhoseFileIsRefusedSaysWhyAndPointsToReadyz()
    {
        // It got `Policy 'facilities' is not loaded (loaded: support).`, and a newcomer looked for a missing file.
        await using var engine = await Start();

        var response = await engine.PostEvent(new { id = "f1", ticket = "FAC-1", at = T0, type = "created", severity = "p1", policy = "facilities" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["title"], (string?)problem["field"]).ShouldBe(("No policy", "policy"));
        ((string?)problem["detail"]).ShouldBe(
            $"Policy 'facilities' is not loaded: its file facilities.esc is refused. {FirstError} GET /readyz lists every error of each refused file.");
        var readiness = JsonNode.Parse(await engine.Http.GetStringAsync("/readyz"))!;
        var file = readiness["policies"]!.AsArray().Single(p => (string?)p!["path"] == "facilities.esc")!;
        ((string?)file["errors"]![0]).ShouldBe(FirstError, "the 400 quotes the first error /readyz lists");

        // A name no file declares is answered as before, with the loaded names.
        await EngineFixture.ShouldBeBadRequest(
            await engine.PostEvent(new { id = "f2", ticket = "FAC-2", at = T0, type = "created", severity = "p1", policy = "billing" }),
            "policy",
            "Policy 'billing' is not loaded (loaded: support).");
    }

    [Fact]
    public async Task AReloadOfAnUnchangedRefusedFileIsNeitherCountedNorLoggedAsAFailureAgain()
    {
        // Every reload counted the unchanged refused file again and logged it at `fail` again, so
        // increase(esc_policy_refusals_total) fired on every deploy and nothing said how many files were refused now.
        await using var engine = await Start();
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var path = Path.Combine(engine.Policies, "facilities.esc");
        await engine.ScrapeUntil(m => m.Contains(Series("esc_policy_refusals_total", 1)) && m.Contains(Series("esc_policy_files_refused", 1)), "the refusal at start");

        for (var reload = 0; reload < 2; reload++)
        {
            (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        logs.Entries.ShouldNotContain(e => e.Level >= LogLevel.Warning && e.Text.Contains("facilities.esc", StringComparison.Ordinal));
        logs.Entries.Where(e => e.Text.StartsWith("Policy file facilities.esc is still refused, unchanged; nothing from it runs (its errors: GET /v1/policies)", StringComparison.Ordinal))
            .Select(e => e.Level).ShouldBe([LogLevel.Information, LogLevel.Information]);

        // A new broken text is a new refusal: counted and logged as an error.
        File.WriteAllText(path, Facilities.Replace("janitor", "caretaker", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Entries.Count(e => e.Level == LogLevel.Error && e.Text.StartsWith("Policy file facilities.esc refused; nothing from it runs:\n", StringComparison.Ordinal)).ShouldBe(1);
        await engine.ScrapeUntil(m => m.Contains(Series("esc_policy_refusals_total", 2)) && m.Contains(Series("esc_policy_files_refused", 1)), "one more refusal, still one file refused");

        // Fixed, no file is refused; the counter keeps what happened.
        File.WriteAllText(path, Facilities.Replace("notify janitor", "notify owner", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var metrics = await engine.ScrapeUntil(m => m.Contains(Series("esc_policy_files_refused", 0)), "the fixed file runs");
        metrics.ShouldContain(Series("esc_policy_refusals_total", 2), Case.Sensitive, "the two reloads of the unchanged file were not counted");
    }

    /// <summary>The first error of <see cref="Facilities"/>, as the gate words it.</summary>
    private const string FirstError = "facilities.esc:10:43: error[ESC2003]: Owner 'janitor' is not declared. Declare it under `owners`. Declared owners: desk.";

    private static Task<EngineFixture> Start() => EngineFixture.StartAsync(new Dictionary<string, string>
    {
        ["support.esc"] = File.ReadAllText(Path.Combine(EscalationDsl.Tests.RepoPaths.Policies, "support.esc")),
        ["facilities.esc"] = Facilities,
    });

    private static string Series(string metric, int value) => $"{metric}{{otel_scope_name=\"EscalationDsl.Engine\"}} {value}\n";
}
