using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL005: a step whose trigger is the same as an earlier step's in the same rule. Both fire at the same
/// moment under the same condition, so the later one is not a further stage of escalation: usually a
/// copied line whose delay was meant to change.
/// </summary>
public sealed class DuplicateTriggerRule() : LintRule(
    "ESL005",
    "duplicate-trigger",
    DiagnosticLevel.Warning,
    "A step has the same trigger as an earlier step of the same rule, so it is no further stage of escalation.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var rule in model.Policy.Rules)
        {
            var seen = new Dictionary<string, StepModel>(StringComparer.Ordinal);
            foreach (var step in rule.Steps)
            {
                var trigger = ModelFormatter.Format(step.Trigger);
                if (seen.TryGetValue(trigger, out var first))
                {
                    yield return Report(step.Trigger.Span,
                        $"Rule '{rule.Name}' already has a step with the trigger '{trigger}' (line {SyntaxIndex.Line(model, first.Span)}); both fire together. Merge the actions into that step, or change this step's trigger.");
                }
                else
                {
                    seen[trigger] = step;
                }
            }
        }
    }
}
