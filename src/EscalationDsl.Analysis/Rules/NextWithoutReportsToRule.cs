using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL025: <c>next</c> where the owner who certainly holds the ticket reports to nobody. <c>next</c> then
/// names nobody and the runtime skips the action.
/// </summary>
public sealed class NextWithoutReportsToRule() : LintRule(
    "ESL025",
    "next-without-reports-to",
    DiagnosticLevel.Warning,
    "`next` is used where the owner holding the ticket reports to nobody, so the action is skipped.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        foreach (var rule in policy.Rules)
        {
            foreach (var step in rule.Steps)
            {
                // Each action's `next` is read from the holder the actions before it leave (an `assign` moves it).
                for (var i = 0; i < step.Actions.Length; i++)
                {
                    if (ModelWalker.OwnerRefs(step.Actions[i]).OfType<NextOwnerRef>().FirstOrDefault() is not { } next
                        || RuleTimeline.HolderAt(policy, rule, step, i) is not { ReportsTo: null } holder)
                    {
                        continue;
                    }

                    yield return Report(next.Span,
                        $"Rule '{rule.Name}': '{holder.Name}' holds the ticket here and reports to nobody, so `next` names nobody and the action is skipped. Name the owner, or declare `reports to` for {holder.Name}.");
                    break;
                }
            }
        }
    }
}
