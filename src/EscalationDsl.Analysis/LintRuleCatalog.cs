using System.Collections.Immutable;
using System.Reflection;

namespace EscalationDsl.Analysis;

/// <summary>
/// Every lint rule, found by reflection over this assembly (no hand-written list to forget a rule in),
/// ordered by code.
/// </summary>
public static class LintRuleCatalog
{
    private static readonly Lazy<ImmutableArray<LintRule>> Rules = new(() =>
        typeof(LintRule).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(LintRule)))
            .Select(t => (LintRule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToImmutableArray());

    /// <summary>All rules, ordered by code.</summary>
    public static ImmutableArray<LintRule> All => Rules.Value;

    /// <summary>The rule with this code (<c>ESL004</c>) or kebab-case name (<c>ambiguous-rules</c>), or null.</summary>
    public static LintRule? Find(string codeOrName) =>
        All.FirstOrDefault(r => string.Equals(r.Code, codeOrName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(r.Name, codeOrName, StringComparison.Ordinal));
}
