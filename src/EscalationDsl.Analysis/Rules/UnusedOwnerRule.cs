using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL017: an owner nothing in the policy refers to. It may still hold tickets assigned from outside
/// (a <c>created</c> or <c>assigned</c> event names it), hence only info.
/// </summary>
public sealed class UnusedOwnerRule() : LintRule(
    "ESL017",
    "unused-owner",
    DiagnosticLevel.Info,
    "An owner is declared but nothing refers to it: no rule, step, route, condition or `reports to`.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var used = Usage.Of(model.Policy).Owners;
        foreach (var owner in model.Policy.Owners.Where(o => !used.Contains(o.Name)))
        {
            yield return Report(owner.NameSpan,
                $"Owner '{owner.Name}' is declared but no rule, step, route, condition or `reports to` refers to it. Remove it, or escalate to it where it belongs.");
        }
    }
}
