using System.Text;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Every compiler diagnostic has a page under docs/diagnostics, and its examples are real: the Example
/// raises the code with exactly the output shown, and the Fix compiles without a diagnostic.
/// </summary>
public sealed class DiagnosticDocsExampleTests
{
    public static TheoryData<string> Codes() => new(DiagnosticCatalog.Descriptors.Select(d => d.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void ExampleRaisesTheCodeWithTheOutputShown(string code)
    {
        var page = Read(code);

        var model = SemanticModel.Create("example.esc", page.Example);

        model.Diagnostics.ShouldContain(d => d.Code == code, $"the example on docs/diagnostics/{code}.md does not raise {code}");
        var rendered = new StringBuilder();
        foreach (var d in model.Diagnostics)
        {
            rendered.Append(DiagnosticFormatter.Format(model.Source, d, color: false));
        }

        page.OutputShouldBe(rendered.ToString(), "esc check");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FixCompilesCleanly(string code)
    {
        var model = SemanticModel.Create("example.esc", Read(code).Fix);

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
