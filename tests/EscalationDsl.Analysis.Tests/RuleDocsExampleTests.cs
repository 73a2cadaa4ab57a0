using System.Text;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Tests;

namespace EscalationDsl.Analysis.Tests;

/// <summary>The examples on docs/rules/*.md are real: the Example triggers the rule with the output shown, the Fix is clean.</summary>
public sealed class RuleDocsExampleTests
{
    public static TheoryData<string> Codes() => new(LintRuleCatalog.All.Select(r => r.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void ExampleTriggersTheRuleWithTheOutputShown(string code)
    {
        var page = Read(code);

        var result = Linter.Lint(SemanticModel.Create("example.esc", page.Example));

        result.Diagnostics.ShouldContain(d => d.Code == code, $"the example on docs/rules/{code}.md does not trigger {code}");
        var rendered = new StringBuilder();
        foreach (var d in result.Diagnostics)
        {
            rendered.Append(DiagnosticFormatter.Format(result.Model.Source, d, color: false));
        }

        page.OutputShouldBe(rendered.ToString(), "esc lint");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FixIsClean(string code)
    {
        var result = Linter.Lint(SemanticModel.Create("example.esc", Read(code).Fix));

        result.Diagnostics.Select(d => $"{d.Code}: {d.Message}").ShouldBeEmpty($"the fix on docs/rules/{code}.md is not clean");
    }

    private static DocPage Read(string code) => DocPage.Load(RepoPaths.Combine("docs", "rules", code + ".md"));
}
