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
    public async Task ALintConfigurationThatIsANamedPipeRefusesThePolicyWithoutWaiting()
    {
        // The engine's reload ran the gate on a pipe nothing wrote to and waited there for ever.
        var folder = Directory.CreateTempSubdirectory().FullName;
        var pipe = Path.Combine(folder, ".esclint.json");
        await NamedPipes.CreateAsync(pipe);
        var model = Language.Semantics.SemanticModel.Create("ok.esc", "policy \"ok\" version 1\nseverity s { acknowledge within 15m }\n");
        try
        {
            var refusals = await Task.Run(() => LintGate.Create().Check(model, folder)).WaitAsync(TimeSpan.FromSeconds(30));

            refusals.ShouldHaveSingleItem().ShouldContain(".esclint.json: cannot read the file: the file is a named pipe");
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }
}
