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
}
