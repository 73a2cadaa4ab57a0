using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL003: a severity × issue type cell of the escalation matrix that no rule with steps can apply to.
/// Issue types are the values of an `issue_type` enum (one column when it is not declared). Only the
/// severity and issue type are known, so a rule whose condition depends on other fields counts as
/// covering the cell: the rule reports only certain holes. Severities that nothing selects or names at
/// all are ESL020's.
/// </summary>
public sealed class MatrixHoleRule() : LintRule(
    "ESL003",
    "matrix-hole",
    DiagnosticLevel.Warning,
    "A severity and issue type combination that no escalation rule applies to: a hole in the escalation matrix.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        var issueTypes = Matrix.IssueTypes(policy);
        var rules = policy.Rules.Where(r => !r.Steps.IsEmpty).ToList();
        foreach (var severity in policy.Severities)
        {
            if (Matrix.IsUnused(policy, severity))
            {
                continue;
            }

            var holes = issueTypes
                .Where(issueType => rules.All(r => Matrix.Applies(policy, r, severity, issueType) == false))
                .ToList();
            if (holes.Count == 0)
            {
                continue;
            }

            var which = holes.Count == issueTypes.Length
                ? $"No escalation rule with steps applies to {severity.Name} tickets"
                : $"No escalation rule with steps applies to {severity.Name} tickets with issue_type {string.Join(", ", holes)}";
            yield return Report(severity.NameSpan,
                $"{which}: nothing escalates them. Add a rule for them, or widen the `for` list or `when` condition of an existing rule.");
        }
    }
}
