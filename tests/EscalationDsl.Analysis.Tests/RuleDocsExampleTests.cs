using System.Text;
using System.Text.RegularExpressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Tests;

namespace EscalationDsl.Analysis.Tests;

/// <summary>The examples on docs/rules/*.md are real: the Example triggers the rule with the output shown, the Fix is clean.</summary>
public sealed partial class RuleDocsExampleTests
{
    public static TheoryData<string> Codes() => new(LintRuleCatalog.All.Select(r => r.Code));

    [Theory]
    [MemberData(nameof(Codes))]
    public void ExampleTriggersTheRuleWithTheOutputShown(string code)
    {
        var (example, output, _) = Read(code);

        var result = Linter.Lint(SemanticModel.Create("example.esc", example));

        result.Diagnostics.ShouldContain(d => d.Code == code, $"the example on docs/rules/{code}.md does not trigger {code}");
        var rendered = new StringBuilder();
        foreach (var d in result.Diagnostics)
        {
            rendered.Append(DiagnosticFormatter.Format(result.Model.Source, d, color: false));
        }

        rendered.ToString().TrimEnd().ShouldBe(output, $"the output on docs/rules/{code}.md is not what esc lint prints for its example");
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void FixIsClean(string code)
    {
        var (_, _, fix) = Read(code);

        var result = Linter.Lint(SemanticModel.Create("example.esc", fix));

        result.Diagnostics.Select(d => $"{d.Code}: {d.Message}").ShouldBeEmpty($"the fix on docs/rules/{code}.md is not clean");
    }

    private static (string Example, string Output, string Fix) Read(string code)
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", code + ".md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var example = Section(page, "## Example");
        var fix = Section(page, "## Fix");
        return (Block(example, "esc"), Block(example, "text").TrimEnd(), Block(fix, "esc"));
    }

    private static string Section(string page, string heading)
    {
        var start = page.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no '{heading}' section");
        var end = page.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    private static string Block(string section, string language)
    {
        var match = FencedBlock().Matches(section).FirstOrDefault(m => m.Groups[1].Value == language);
        match.ShouldNotBeNull($"no ```{language} block");
        return match.Groups[2].Value;
    }

    [GeneratedRegex(@"```(\w+)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
