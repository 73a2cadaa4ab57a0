using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>Reports of an export read through a "csv" mapping (docs/importers.md), against golden files.</summary>
public sealed class SimMappedExportTests
{
    [Theory]
    [InlineData("text", "helpdesk-export.txt")]
    [InlineData("markdown", "helpdesk-export.md")]
    public void TheReportOfTheShippedHelpDeskExportSaysWhatItCannotTell(string format, string golden)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--map", "policies/mappings/helpdesk-export.json", "--tickets", "policies/events/helpdesk-export.csv", "--format", format, "--quiet");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("What the input cannot tell");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", golden), result.Out);
    }

    [Fact]
    public void TheReportOfAnExportThatMovesDoneTicketsBackCountsTheInferredReopens()
    {
        // Jira-like rows: Done resolves, a later status change reopens (SUP-1 is resolved again, SUP-2 stays open).
        var result = Esc.Run("sim", "policies/support.esc", "--map", "tests/Baselines/Sim/jira-reopens.json", "--tickets", "tests/Baselines/Sim/jira-reopens.csv", "--quiet");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("2 reopens are inferred");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Sim", "jira-reopens.txt"), result.Out);
    }
}
