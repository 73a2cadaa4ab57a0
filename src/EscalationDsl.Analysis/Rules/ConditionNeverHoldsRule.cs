using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL029: a condition, or a part of one, that no ticket can satisfy (<c>severity == sev1 and severity == sev2</c>,
/// <c>affected_users &gt; 500 and affected_users &lt; 100</c>), or a rule's `when` that contradicts its own
/// `for` list. Decided exactly per field from its declared type (<see cref="ConditionLogic"/>). A warning, as
/// ESL006 is: the condition silently switches off what it belongs to, but a dead part inside a condition
/// that can hold changes nothing (docs/rules/ESL029.md).
/// </summary>
public sealed class ConditionNeverHoldsRule() : LintRule(
    "ESL029",
    "condition-never-holds",
    DiagnosticLevel.Warning,
    "A condition, or a part of one, can never hold: its parts contradict each other, or a rule's `when` contradicts its `for` list.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model) =>
        ConditionFindings.Find(model).Where(f => !f.Always).Select(f => Report(f.Span, f.Message));
}
