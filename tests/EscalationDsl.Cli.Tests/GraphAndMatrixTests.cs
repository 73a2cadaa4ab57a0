using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>Golden graphs and quick references for every shipped policy (tests/Baselines/Policies/NAME/).</summary>
public sealed class GraphAndMatrixTests
{
    public static TheoryData<string> ShippedPolicies() =>
        new(Directory.GetFiles(RepoPaths.Policies, "*.esc").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void GraphsMatchTheirGoldenFiles(string name)
    {
        var dot = Esc.Run("graph", $"policies/{name}.esc");
        var mermaid = Esc.Run("graph", $"policies/{name}.esc", "--format", "mermaid");

        dot.ExitCode.ShouldBe(0, dot.Error);
        mermaid.ExitCode.ShouldBe(0, mermaid.Error);
        dot.Out.ShouldStartWith("digraph {");
        mermaid.Out.ShouldStartWith("stateDiagram-v2");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "graph.dot"), dot.Out);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "graph.mmd"), mermaid.Out);
    }

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void MatrixMatchesItsGoldenFiles(string name)
    {
        var markdown = Esc.Run("matrix", $"policies/{name}.esc");
        var json = Esc.Run("matrix", $"policies/{name}.esc", "--format", "json");

        markdown.ExitCode.ShouldBe(0, markdown.Error);
        json.ExitCode.ShouldBe(0, json.Error);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "matrix.md"), markdown.Out);
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "matrix.json"), json.Out);
    }

    [Fact]
    public void GraphOfOneRuleShowsOnlyThatRulesSteps()
    {
        var result = Esc.Run("graph", "policies/support.esc", "--rule", "sev2_degraded");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("sev2_degraded[1] after 4h unless workaround / escalate to route(issue_type)");
        result.Out.ShouldNotContain("sev1_production");
    }

    [Fact]
    public void GraphOfAnUnknownRuleIsAUsageError()
    {
        var result = Esc.Run("graph", "policies/support.esc", "--rule", "sev9");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("has no rule 'sev9'");
    }

    [Fact]
    public void MatrixShowsTheRoutedSpecialistPerIssueType()
    {
        var result = Esc.Run("matrix", "policies/support.esc");

        result.Out.ShouldContain("| network_outage | sev1 | sev1_production (when impact == production) | commander | network | after 1h unless root_cause |");
        result.Out.ShouldContain("| database | sev1 | sev1_production (when impact == production) | commander | database | after 1h unless root_cause |");
        result.Out.ShouldContain("| sev1 | Critical / Production down | 15m | 30m | 30m | 4h with next_update | - | every 1h until contained |");
    }

    [Fact]
    public void CommandsOnAPolicyWithErrorsPrintTheDiagnosticsAndExitOne()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "bad.esc"), "policy \"x\" version 1\nseverity s { acknowledge within 15x }\n");

        var result = Esc.RunIn(dir.FullName, string.Empty, "graph", "bad.esc");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("bad.esc:2:33: error[ESC2007]");
        result.Out.ShouldBeEmpty();
    }
}
