using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL009: a rule pages while neither the policy nor the rule has a <c>page only when</c> guard, so every
/// unconfirmed alert can wake somebody up. A rule whose <c>when</c> has the suggested guard,
/// <c>impact_confirmed</c>, as one conjunct is guarded already: it applies, and so pages, only while the
/// impact is confirmed.
/// </summary>
public sealed class PageWithoutImpactGuardRule() : LintRule(
    "ESL009",
    "page-without-impact-guard",
    DiagnosticLevel.Warning,
    "A rule pages without a `page only when` guard (in the rule or policy-wide) that confirms the impact first.")
{
    /// <summary>The guard the message suggests, a flag.</summary>
    private const string Guard = "impact_confirmed";

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        if (!policy.PageGuards.IsEmpty)
        {
            yield break;
        }

        // The suggested guard reads a flag the policy may not declare; following it should not lead to ESC2006.
        var declare = policy.FindField(Guard) is not null ? "" : ", and declare `impact_confirmed flag` under `fields`";
        foreach (var rule in policy.Rules.Where(r => r.PageGuards.IsEmpty && !WhenConfirmsImpact(r)))
        {
            var page = rule.Steps.SelectMany(s => s.Actions).OfType<PageAction>().FirstOrDefault();
            if (page is not null)
            {
                yield return Report(page.Span,
                    $"Rule '{rule.Name}' pages without a `page only when` guard, so unconfirmed alerts wake people up. Add `page only when {Guard}` (or another impact condition) to the rule or the policy{declare}.");
            }
        }
    }

    /// <summary>
    /// True when the rule's `when` is one conjunction (no `or`) with the flag <see cref="Guard"/> raised in it:
    /// a step fires only while its rule applies (docs/runtime.md), so every page is sent while the guard holds.
    /// </summary>
    private static bool WhenConfirmsImpact(RuleModel rule) =>
        rule.When is { } when
        && ConditionLogic.Alternatives(when, positive: true) is [var conjuncts]
        && conjuncts.Any(l => l is { Positive: true, Atom: FlagCondition { Field.Name: Guard } });
}
