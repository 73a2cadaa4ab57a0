using System.Text;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Every compiler diagnostic has a page under docs/diagnostics, and its examples are real: each example
/// with output raises the code with exactly the output shown, and the Fix compiles without a diagnostic.
/// </summary>
public sealed class DiagnosticDocsExampleTests
{
    public static TheoryData<string> Codes() => new(DiagnosticCatalog.Descriptors.Select(d => d.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryExampleRaisesTheCodeWithTheOutputShown(string code)
    {
        var page = Read(code);

        page.OutputsShouldBe(example =>
        {
            (example.Command, example.StandardError).ShouldBe(("esc check example.esc", false), $"{page.Name}:{example.Output.Line}: examples on a diagnostic page are checked as `esc check example.esc`");
            example.Policy.ShouldNotBeNull($"{page.Name}:{example.Output.Line}: the output has no ```esc example above it");
            // ESC1008's example is the policy saved as Windows-1252: only bytes can be other than UTF-8.
            var model = code == DiagnosticCatalog.NotUtf8.Code
                ? SemanticModel.Create(SourceText.FromBytes("example.esc", Encoding.Latin1.GetBytes(example.Policy)))
                : SemanticModel.Create("example.esc", example.Policy);
            model.Diagnostics.ShouldContain(d => d.Code == code, $"the example at {page.Name}:{example.Output.Line} does not raise {code}");
            var rendered = new StringBuilder();
            foreach (var d in model.Diagnostics)
            {
                rendered.Append(DiagnosticFormatter.Format(model.Source, d, color: false));
            }

            return rendered.ToString();
        });
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FixCompilesCleanly(string code)
    {
        var model = SemanticModel.Create("example.esc", Read(code).EscBlockUnder("## Fix"));

        model.Diagnostics.Select(d => $"{d.Code}: {d.Message}").ShouldBeEmpty($"the fix on docs/diagnostics/{code}.md does not compile cleanly");
    }

    [Fact]
    public void TheIndexListsEveryCode()
    {
        var index = File.ReadAllText(RepoPaths.Combine("docs", "diagnostics", "README.md"));

        foreach (var descriptor in DiagnosticCatalog.Descriptors)
        {
            index.ShouldContain($"[{descriptor.Code}]({descriptor.Code}.md)", customMessage: $"docs/diagnostics/README.md does not list {descriptor.Code}");
        }
    }

    private static DocPage Read(string code) => DocPage.Load(RepoPaths.Combine("docs", "diagnostics", code + ".md"));
}
