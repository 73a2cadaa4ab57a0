using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL009: a rule pages while neither the policy nor the rule has a <c>page only when</c> guard, so every
/// unconfirmed alert can wake somebody up. The fix the message suggests is in the policy's own words: a flag field
/// whose name speaks of the impact or its confirmation (<c>impact_confirmed</c>, <c>outage_confirmed</c>), when it has
/// one, else a guard described without a name. A rule whose <c>when</c> has such a flag as one conjunct is guarded
/// already: it applies, and so pages, only while the impact is confirmed.
/// </summary>
public sealed class PageWithoutImpactGuardRule() : LintRule(
    "ESL009",
    "page-without-impact-guard",
    DiagnosticLevel.Warning,
    "A rule pages without a `page only when` guard (in the rule or policy-wide) that confirms the impact first.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        if (!policy.PageGuards.IsEmpty)
        {
            yield break;
        }

        var guards = policy.Fields.Where(IsImpactFlag).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var fix = policy.Fields.FirstOrDefault(IsImpactFlag) is { } flag
            ? $"Add `page only when {flag.Name}` (or another impact condition) to the rule or the policy."
            : "Add `page only when CONDITION` to the rule or the policy, with a condition that holds once the impact is confirmed (a flag field the responders raise, for instance).";
        foreach (var rule in policy.Rules.Where(r => r.PageGuards.IsEmpty && !WhenConfirmsImpact(r, guards)))
        {
            var page = rule.Steps.SelectMany(s => s.Actions).OfType<PageAction>().FirstOrDefault();
            if (page is not null)
            {
                yield return Report(page.Span,
                    $"Rule '{rule.Name}' pages without a `page only when` guard, so unconfirmed alerts wake people up. {fix}");
            }
        }
    }

    /// <summary>A declared flag whose name speaks of the impact or its confirmation: the guard the message suggests.</summary>
    private static bool IsImpactFlag(FieldModel field) =>
        field is { Type: FieldType.Flag, IsBuiltIn: false }
        && (field.Name.Contains("impact", StringComparison.OrdinalIgnoreCase) || field.Name.Contains("confirm", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when the rule's `when` is one conjunction (no `or`) with one of the <paramref name="guards"/> raised in it:
    /// a step fires only while its rule applies (docs/runtime.md), so every page is sent while the guard holds.
    /// </summary>
    private static bool WhenConfirmsImpact(RuleModel rule, HashSet<string> guards) =>
        rule.When is { } when
        && ConditionLogic.Alternatives(when, positive: true) is [var conjuncts]
        && conjuncts.Any(l => l is { Positive: true, Atom: FlagCondition f } && guards.Contains(f.Field.Name));
}
