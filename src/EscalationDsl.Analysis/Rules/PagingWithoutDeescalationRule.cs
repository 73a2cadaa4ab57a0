using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL008: the policy pages somebody but no <c>deescalate when C { stop paging }</c> ever stops it, so
/// repeating pages continue after the incident is contained.
/// </summary>
public sealed class PagingWithoutDeescalationRule() : LintRule(
    "ESL008",
    "paging-without-deescalation",
    DiagnosticLevel.Warning,
    "The policy pages but has no `deescalate` block with `stop paging`, so paging has no way to end.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        if (policy.Deescalations.Any(d => d.Actions.Any(a => a is StopPagingAction)))
        {
            yield break;
        }

        var firstPage = ModelWalker.Actions(policy).Select(x => x.Action).OfType<PageAction>().OrderBy(p => p.Span.Start).FirstOrDefault();
        if (firstPage is not null)
        {
            yield return Report(firstPage.Span,
                "The policy pages, but no `deescalate` block stops paging: pages keep going out after the incident is contained. Add `deescalate when mitigation_status == contained { stop paging }`.");
        }
    }
}
