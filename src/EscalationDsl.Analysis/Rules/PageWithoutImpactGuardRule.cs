using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL009: a rule pages while neither the policy nor the rule has a <c>page only when</c> guard, so every
/// unconfirmed alert can wake somebody up.
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

        // The suggested guard reads a flag the policy may not declare; following it should not lead to ESC2006.
        var declare = policy.FindField("impact_confirmed") is not null ? "" : ", and declare `impact_confirmed flag` under `fields`";
        foreach (var rule in policy.Rules.Where(r => r.PageGuards.IsEmpty))
        {
            var page = rule.Steps.SelectMany(s => s.Actions).OfType<PageAction>().FirstOrDefault();
            if (page is not null)
            {
                yield return Report(page.Span,
                    $"Rule '{rule.Name}' pages without a `page only when` guard, so unconfirmed alerts wake people up. Add `page only when impact_confirmed` (or another impact condition) to the rule or the policy{declare}.");
            }
        }
    }
}
