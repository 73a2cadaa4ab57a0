using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL030: a condition, or a part of one, that every ticket satisfies (<c>impact == production or impact != production</c>),
/// or a `pause sla while`, `unless` or `until` condition that holds whenever the ticket is open
/// (<c>pause sla while not resolved</c>). Decided exactly per field from its declared type (<see cref="ConditionLogic"/>).
/// </summary>
public sealed class ConditionAlwaysHoldsRule() : LintRule(
    "ESL030",
    "condition-always-holds",
    DiagnosticLevel.Warning,
    "A condition, or a part of one, always holds, so it tests nothing: a step's `unless` that always holds makes the step dead, a `pause sla while` that always holds stops every clock.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model) =>
        ConditionFindings.Find(model).Where(f => f.Always).Select(f => Report(f.Span, f.Message));
}
