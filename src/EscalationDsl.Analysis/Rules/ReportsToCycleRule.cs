using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL013: owners whose <c>reports to</c> chain comes back to where it started (a → b → a). The binder
/// rejects an owner reporting to itself (ESC2022); longer loops are found here. <c>escalate to next</c>
/// then goes round in circles and the chain has no top.
/// </summary>
public sealed class ReportsToCycleRule() : LintRule(
    "ESL013",
    "reports-to-cycle",
    DiagnosticLevel.Error,
    "Owners report to each other in a loop, so `escalate to next` never reaches the top of the chain.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in policy.Owners)
        {
            if (reported.Contains(owner.Name))
            {
                continue;
            }

            // Follow the chain; a cycle through this owner comes back to it.
            var chain = new List<OwnerModel> { owner };
            var current = owner;
            while (current.ReportsTo is { } next && policy.FindOwner(next) is { } up && up.Name != current.Name)
            {
                if (up.Name == owner.Name)
                {
                    chain.ForEach(o => reported.Add(o.Name));
                    var loop = string.Join(" → ", chain.Select(o => o.Name).Append(owner.Name));
                    yield return Report(SyntaxIndex.ReportsToSpan(model, owner) ?? owner.NameSpan,
                        $"Owners report to each other in a loop: {loop}. `escalate to next` goes round in circles; end the chain at an owner without `reports to`.");
                    break;
                }

                if (chain.Any(o => o.Name == up.Name))
                {
                    break; // a loop further up, reported from its own first owner
                }

                chain.Add(up);
                current = up;
            }
        }
    }
}
