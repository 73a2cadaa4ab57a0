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
            // `esc check example.esc`, or for a problem between files (ESC2042) `esc check a.esc b.esc`
            // with the ```esc blocks above as those files, in order.
            var files = example.Arguments.Skip(1).ToList();
            (example.Arguments.FirstOrDefault(), example.StandardError, files.Count > 0 && files.All(f => f.EndsWith(".esc", StringComparison.Ordinal)))
                .ShouldBe(("check", false, true), $"{page.Name}:{example.Output.Line}: examples on a diagnostic page are checked as `esc check example.esc` (or several .esc files)");
            example.Policies.Count.ShouldBeGreaterThanOrEqualTo(files.Count, $"{page.Name}:{example.Output.Line}: the output has {(files.Count == 1 ? "no ```esc example" : $"fewer than {files.Count} ```esc examples")} above it");
            var texts = example.Policies.TakeLast(files.Count).ToList();
            // ESC1008's example is the policy saved as Windows-1252: only bytes can be other than UTF-8.
            var models = PolicySet.Check(files.Select((file, i) => code == DiagnosticCatalog.NotUtf8.Code
                ? SemanticModel.Create(SourceText.FromBytes(file, Encoding.Latin1.GetBytes(texts[i])))
                : SemanticModel.Create(file, texts[i])).ToList());
            models.ShouldContain(m => m.Diagnostics.Any(d => d.Code == code), $"the example at {page.Name}:{example.Output.Line} does not raise {code}");
            var rendered = new StringBuilder();
            foreach (var model in models)
            {
                foreach (var d in model.Diagnostics)
                {
                    rendered.Append(DiagnosticFormatter.Format(model.Source, d, color: false));
                }
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
