using System.Text;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Tests;

namespace EscalationDsl.Analysis.Tests;

/// <summary>The examples on docs/rules/*.md are real: each example with output triggers the rule with the output shown, the Fix is clean.</summary>
public sealed class RuleDocsExampleTests
{
    public static TheoryData<string> Codes() => new(LintRuleCatalog.All.Select(r => r.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryExampleTriggersTheRuleWithTheOutputShown(string code)
    {
        var page = Read(code);

        page.OutputsShouldBe(example =>
        {
            (example.Command, example.StandardError).ShouldBe(("esc lint example.esc", false), $"{page.Name}:{example.Output.Line}: examples on a rule page are checked as `esc lint example.esc`");
            example.Policy.ShouldNotBeNull($"{page.Name}:{example.Output.Line}: the output has no ```esc example above it");
            var result = Linter.Lint(SemanticModel.Create("example.esc", example.Policy));
            result.Diagnostics.ShouldContain(d => d.Code == code, $"the example at {page.Name}:{example.Output.Line} does not trigger {code}");
            var rendered = new StringBuilder();
            foreach (var d in result.Diagnostics)
            {
                rendered.Append(DiagnosticFormatter.Format(result.Model.Source, d, color: false));
            }

            return rendered.ToString();
        });
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FixIsClean(string code)
    {
        var result = Linter.Lint(SemanticModel.Create("example.esc", Read(code).EscBlockUnder("## Fix")));

        result.Diagnostics.Select(d => $"{d.Code}: {d.Message}").ShouldBeEmpty($"the fix on docs/rules/{code}.md is not clean");
    }

    private static DocPage Read(string code) => DocPage.Load(RepoPaths.Combine("docs", "rules", code + ".md"));
}
