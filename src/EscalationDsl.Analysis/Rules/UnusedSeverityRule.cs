using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL020: a severity no escalation rule selects (by name or <c>for any</c>) and no condition or route
/// names. Tickets of that severity get SLA clocks but nobody escalates them.
/// </summary>
public sealed class UnusedSeverityRule() : LintRule(
    "ESL020",
    "unused-severity",
    DiagnosticLevel.Warning,
    "A severity is declared but no escalation rule selects it and nothing names it.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var severity in model.Policy.Severities.Where(s => Matrix.IsUnused(model.Policy, s)))
        {
            yield return Report(severity.NameSpan,
                $"Severity '{severity.Name}' is declared but no escalation rule selects it and nothing names it, so its tickets are never escalated. Add it to a rule's `for` list, or remove it.");
        }
    }
}
