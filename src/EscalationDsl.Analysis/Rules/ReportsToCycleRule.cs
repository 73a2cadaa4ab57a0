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
        // Each owner is walked once (a chain of thousands took cubic time: each owner followed the chain to its top,
        // looking every name up in the list): a walk stops at an owner an earlier walk saw, and a loop is an owner
        // met again on the walk's own path. A loop is reported at its owner declared first, starting from it.
        var policy = model.Policy;
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < policy.Owners.Length; i++)
        {
            order.TryAdd(policy.Owners[i].Name, i);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var loops = new List<List<OwnerModel>>();
        foreach (var owner in policy.Owners)
        {
            var path = new List<OwnerModel>();
            var onPath = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var current = owner; seen.Add(current.Name);)
            {
                onPath[current.Name] = path.Count;
                path.Add(current);
                if (current.ReportsTo is not { } next || !order.TryGetValue(next, out var index) || policy.Owners[index] is var up && up.Name == current.Name)
                {
                    break;
                }

                if (onPath.TryGetValue(up.Name, out var from))
                {
                    loops.Add(path[from..]);
                    break;
                }

                current = up;
            }
        }

        foreach (var loop in loops.Select(RotatedToFirstDeclared).OrderBy(l => order[l[0].Name]))
        {
            var first = loop[0];
            var text = string.Join(" → ", loop.Select(o => o.Name).Append(first.Name));
            yield return Report(SyntaxIndex.ReportsToSpan(model, first) ?? first.NameSpan,
                $"Owners report to each other in a loop: {text}. `escalate to next` goes round in circles; end the chain at an owner without `reports to`.");
        }

        List<OwnerModel> RotatedToFirstDeclared(List<OwnerModel> loop)
        {
            var at = loop.IndexOf(loop.MinBy(o => order[o.Name])!);
            return [.. loop[at..], .. loop[..at]];
        }
    }
}
