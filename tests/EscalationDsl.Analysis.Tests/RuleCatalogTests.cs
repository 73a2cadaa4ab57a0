using System.Text.RegularExpressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Tests;

namespace EscalationDsl.Analysis.Tests;

public sealed partial class RuleCatalogTests
{
    private static readonly string RulesDocs = RepoPaths.Combine("docs", "rules");

    [Fact]
    public void RulesAreDiscoveredByReflection()
    {
        var types = typeof(LintRule).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(LintRule))).ToList();

        LintRuleCatalog.All.Length.ShouldBe(types.Count);
        LintRuleCatalog.All.Length.ShouldBeGreaterThanOrEqualTo(15);
    }

    [Fact]
    public void EveryRuleHasAUniqueCodeNameAndADescription()
    {
        foreach (var rule in LintRuleCatalog.All)
        {
            CodePattern().IsMatch(rule.Code).ShouldBeTrue($"{rule.GetType().Name}: code '{rule.Code}' is not ESLnnn");
            NamePattern().IsMatch(rule.Name).ShouldBeTrue($"{rule.Code}: name '{rule.Name}' is not kebab-case");
            rule.Description.ShouldNotBeNullOrWhiteSpace();
            rule.Description.ShouldEndWith(".", customMessage: $"{rule.Code}: the description is one sentence");
            rule.HelpLink.ShouldBe($"docs/rules/{rule.Code}.md");
        }

        LintRuleCatalog.All.Select(r => r.Code).ShouldBeUnique();
        LintRuleCatalog.All.Select(r => r.Name).ShouldBeUnique();
    }

    [Fact]
    public void EveryRuleIsASealedClassInItsOwnFile()
    {
        foreach (var rule in LintRuleCatalog.All)
        {
            var type = rule.GetType();
            type.IsSealed.ShouldBeTrue(type.Name);
            type.IsPublic.ShouldBeTrue(type.Name);
            type.Name.ShouldEndWith("Rule");
            type.Namespace.ShouldBe("EscalationDsl.Analysis.Rules");
            File.Exists(RepoPaths.Combine("src", "EscalationDsl.Analysis", "Rules", type.Name + ".cs")).ShouldBeTrue($"{type.Name} is not in Rules/{type.Name}.cs");
        }
    }

    [Fact]
    public void EveryRuleHasADocsPageWithItsNameAndLevel()
    {
        foreach (var rule in LintRuleCatalog.All)
        {
            var page = Path.Combine(RulesDocs, rule.Code + ".md");
            File.Exists(page).ShouldBeTrue($"{rule.Code} has no page {Path.GetRelativePath(RepoPaths.Root, page)}");
            var lines = File.ReadAllLines(page);
            lines[0].ShouldBe($"# {rule.Code}: {rule.Name}");
            lines.ShouldContain($"**Level:** {DiagnosticFormatter.LevelName(rule.DefaultLevel)} (default)  ");
        }
    }

    [Fact]
    public void EveryDocsPageBelongsToARule()
    {
        var pages = Directory.GetFiles(RulesDocs, "*.md").Select(Path.GetFileNameWithoutExtension).Where(n => n != "README").ToList();

        pages.ShouldNotBeEmpty();
        foreach (var code in pages)
        {
            LintRuleCatalog.All.ShouldContain(r => r.Code == code, $"docs/rules/{code}.md documents no rule");
        }
    }

    [Fact]
    public void TheIndexListsEveryRuleWithItsNameLevelAndDescription()
    {
        var index = File.ReadAllText(Path.Combine(RulesDocs, "README.md"));

        foreach (var rule in LintRuleCatalog.All)
        {
            index.ShouldContain($"| [{rule.Code}]({rule.Code}.md) | `{rule.Name}` | {DiagnosticFormatter.LevelName(rule.DefaultLevel)} | {rule.Description} |");
        }
    }

    [Fact]
    public void CodesAndNamesAreFoundEitherWay()
    {
        LintRuleCatalog.Find("ESL004")!.Name.ShouldBe("ambiguous-rules");
        LintRuleCatalog.Find("esl004")!.Code.ShouldBe("ESL004");
        LintRuleCatalog.Find("ambiguous-rules")!.Code.ShouldBe("ESL004");
        LintRuleCatalog.Find("ESL999").ShouldBeNull();
    }

    [GeneratedRegex(@"^ESL\d{3}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}
