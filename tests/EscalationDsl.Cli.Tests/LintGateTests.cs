using System.Text.Json.Nodes;
using EscalationDsl.Engine;
using EscalationDsl.Engine.Api;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The gate `esc serve` puts in front of every policy it loads.</summary>
public sealed class LintGateTests
{
    private const string Policy = """
        policy "cycle" version 1
        owners {
            team a "A" reports to b
            team b "B" reports to a
        }
        severity sev1 { acknowledge within 15m }
        escalation r for sev1 { owner a
            after 15m unless acknowledged: escalate to next }
        """;

    [Fact]
    public void APolicyWithALintErrorIsRefused()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var model = Language.Semantics.SemanticModel.Create("cycle.esc", Policy);

        var refusals = LintGate.Create().Check(model, folder);

        refusals.ShouldHaveSingleItem().ShouldStartWith("cycle.esc:3:");
        refusals[0].ShouldContain("error[ESL");
    }

    [Fact]
    public void TheFoldersLintConfigurationApplies()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        var model = Language.Semantics.SemanticModel.Create("cycle.esc", Policy);
        var code = LintGate.Create().Check(model, folder)[0].Split("error[")[1][..6];
        File.WriteAllText(Path.Combine(folder, ".esclint.json"), $"{{ \"rules\": {{ \"{code}\": \"warning\" }} }}");

        LintGate.Create().Check(model, folder).ShouldBeEmpty();
    }

    [Fact]
    public void ABrokenLintConfigurationRefusesThePolicyWithTheReason()
    {
        var folder = Directory.CreateTempSubdirectory().FullName;
        File.WriteAllText(Path.Combine(folder, ".esclint.json"), "{ \"rules\": { \"ESL999\": \"off\" } }");
        var model = Language.Semantics.SemanticModel.Create("ok.esc", "policy \"ok\" version 1\nseverity s { acknowledge within 15m }\n");

        LintGate.Create().Check(model, folder).ShouldHaveSingleItem().ShouldContain("ESL999");
    }

    [Fact]
    public async Task TheEngineReloadsWhenTheLintSettingsChange()
    {
        // Only *.esc was watched: an edited .esclint.json, which decides what is refused, went unread
        // until a policy file changed or someone posted a reload.
        var folder = Directory.CreateTempSubdirectory().FullName;
        var policies = Directory.CreateDirectory(Path.Combine(folder, "policies")).FullName;
        File.Copy(Path.Combine(RepoPaths.Policies, "support.esc"), Path.Combine(policies, "support.esc"));
        await using var app = EngineHost.Build(
        [
            "--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:Policies={policies}",
            $"--Engine:ApiKeys:0={ApiKeys.Hash("lint-gate-test-key-0123")}", "--Engine:ReloadQuietPeriod=00:00:00.100",
        ], gate: LintGate.Create());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        async Task<string?> Status() => (string?)JsonNode.Parse(await http.GetStringAsync("/v1/policies"))!.AsArray().Single()!["status"];
        (await Status()).ShouldBe("active", "ESL015, which support.esc triggers, is an info by default");

        var settings = Path.Combine(policies, ".esclint.json");
        File.WriteAllText(settings, "{ \"rules\": { \"ESL015\": \"error\" } }");
        await Until(async () => await Status() == "refused", "ESL015 made an error refuses support.esc");

        File.Delete(settings);
        await Until(async () => await Status() == "active", "without the settings ESL015 is an info again");
        await app.StopAsync();
    }

    [Fact]
    public async Task APolicysLintWarningsAreListedBesideItsErrors()
    {
        // A user trial's F7: GET /v1/policies had `errors` and nothing of the warnings of a policy that loads.
        var folder = Directory.CreateTempSubdirectory().FullName;
        var policies = Directory.CreateDirectory(Path.Combine(folder, "policies")).FullName;
        File.Copy(Path.Combine(RepoPaths.Policies, "support.esc"), Path.Combine(policies, "support.esc"));
        File.WriteAllText(Path.Combine(policies, ".esclint.json"), "{ \"rules\": { \"ESL015\": \"warning\" } }");
        await using var app = EngineHost.Build(
        [
            "--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={Path.Combine(folder, "engine.db")}", $"--Engine:Policies={policies}",
            $"--Engine:ApiKeys:0={ApiKeys.Hash("lint-gate-test-key-0123")}",
        ], gate: LintGate.Create());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var file = JsonNode.Parse(await http.GetStringAsync("/v1/policies"))!.AsArray().Single()!;

        ((string?)file["status"], file["errors"]!.AsArray().Count).ShouldBe(("active", 0));
        var warning = file["warnings"]!.AsArray().Select(w => (string)w!).ShouldHaveSingleItem();
        warning.ShouldStartWith("support.esc:");
        warning.ShouldContain(": warning[ESL015]: ");
        await app.StopAsync();
    }

    private static async Task Until(Func<Task<bool>> condition, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60); // a wait that ends when the condition holds: generous for a loaded machine
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, because);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ALintConfigurationThatIsANamedPipeRefusesThePolicyWithoutWaiting()
    {
        // The engine's reload ran the gate on a pipe nothing wrote to and waited there for ever.
        var folder = Directory.CreateTempSubdirectory().FullName;
        var pipe = Path.Combine(folder, ".esclint.json");
        await NamedPipes.CreateAsync(pipe);
        var model = Language.Semantics.SemanticModel.Create("ok.esc", "policy \"ok\" version 1\nseverity s { acknowledge within 15m }\n");
        try
        {
            var refusals = await Task.Run(() => LintGate.Create().Check(model, folder)).WaitAsync(TimeSpan.FromSeconds(60));

            refusals.ShouldHaveSingleItem().ShouldContain(".esclint.json: cannot read the file: the file is a named pipe");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }
}
