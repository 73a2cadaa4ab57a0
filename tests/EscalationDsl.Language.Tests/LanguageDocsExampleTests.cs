using EscalationDsl.Language.Semantics;
using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// The examples on docs/language.md check as the page says (see its opening comment): a block that
/// starts with <c>policy</c> is a whole file, any other is appended to the reference policy; a block
/// under <c>&lt;!-- expect: ESCnnnn --&gt;</c> raises exactly that code, every other checks clean.
/// </summary>
public sealed class LanguageDocsExampleTests
{
    [Fact]
    public void EveryExampleChecksAsThePageSays()
    {
        var page = DocPage.Load(RepoPaths.Combine("docs", "language.md"));
        var reference = page.EscBlockUnder("## The reference policy");

        var wrong = new List<string>();
        foreach (var (block, expect) in page.EscBlocks())
        {
            var source = block.Body.StartsWith("policy ", StringComparison.Ordinal) ? block.Body : reference + block.Body;
            var diagnostics = SemanticModel.Create("example.esc", source).Diagnostics;
            var raised = diagnostics.Select(d => d.Code).Distinct().ToList();
            if (expect is null ? raised.Count > 0 : raised is not [var only] || only != expect)
            {
                var got = diagnostics.IsEmpty ? "none" : string.Join("; ", diagnostics.Select(d => $"{d.Code}: {d.Message}"));
                wrong.Add($"{page.Name}:{block.Line}: expected {expect ?? "no diagnostic"}, got {got}");
            }
        }

        wrong.ShouldBeEmpty();
    }
}
