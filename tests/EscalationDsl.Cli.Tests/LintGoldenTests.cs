using System.Text.Json.Nodes;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>`esc lint` on one policy with several findings, in every output format, against golden files.</summary>
public sealed class LintGoldenTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Baselines, "Lint");

    [Theory]
    [InlineData("text", "text.txt")]
    [InlineData("json", "json.json")]
    [InlineData("github", "github.txt")]
    [InlineData("gitlab", "gitlab.json")]
    [InlineData("checkstyle", "checkstyle.xml")]
    public void EachFormatMatchesItsGoldenFile(string format, string golden)
    {
        var result = Esc.RunIn(Folder, string.Empty, "lint", "policy.esc", "--format", format);

        result.ExitCode.ShouldBe(1, result.Error);
        result.Error.ShouldBe("linted 1 file: 1 error, 5 warnings, 3 infos (1 suppressed)\n");
        Golden.Match(Path.Combine(Folder, golden), result.Out);
    }

    [Fact]
    public void SarifMatchesItsGoldenFile()
    {
        var result = Esc.RunIn(Folder, string.Empty, "lint", "policy.esc", "--format", "sarif", "--help-uri-base", "https://example.invalid/escalationdsl/");

        result.ExitCode.ShouldBe(1, result.Error);

        // The rule pages are embedded whole as help.markdown; the golden file names them instead
        // of repeating 25 pages (LintSarifTests checks they are the pages).
        var sarif = JsonNode.Parse(result.Out)!;
        foreach (var rule in sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray())
        {
            if (rule!["id"]!.GetValue<string>().StartsWith("ESL", StringComparison.Ordinal))
            {
                rule["help"]!["markdown"] = $"(the page docs/rules/{rule["id"]}.md)";
            }
        }

        // %SRCROOT% is the working directory, which differs from machine to machine.
        var srcRoot = sarif["runs"]![0]!["originalUriBaseIds"]!["%SRCROOT%"]!;
        srcRoot["uri"]!.GetValue<string>().ShouldBe(new Uri(Folder + "/").AbsoluteUri);
        srcRoot["uri"] = "file:///WORKING-DIRECTORY/";

        Golden.Match(Path.Combine(Folder, "sarif.json"), sarif.ToJsonString(new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
