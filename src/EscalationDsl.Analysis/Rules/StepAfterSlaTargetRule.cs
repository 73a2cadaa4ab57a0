using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL001: <c>after 45m unless acknowledged</c> when the severity must be acknowledged within 15m.
/// The step waits on the event that meets an SLA target, so it exists to prevent that breach; firing
/// after the target, it can only react to a breach that already happened.
/// </summary>
public sealed class StepAfterSlaTargetRule() : LintRule(
    "ESL001",
    "step-after-sla-target",
    DiagnosticLevel.Warning,
    "An escalation step waits for the event that meets an SLA target but fires after that target has passed.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var (rule, after, covered) in Matrix.TimedSteps(model.Policy))
        {
            var late = new List<string>();
            foreach (var component in SlaEvents.ProtectedBy(after))
            {
                var breached = covered
                    .Where(s => s.Target(component) is { } target && DurationBounds.IsCertainlyLonger(after.Delay, target.Within))
                    .Select(s => $"{s.Name} within {s.Target(component)!.Within.Text}")
                    .ToList();
                if (breached.Count > 0)
                {
                    late.Add($"the {ModelFormatter.Format(component)} target it waits for ({string.Join(", ", breached)})");
                }
            }

            if (late.Count > 0)
            {
                yield return Report(after.Delay.Span,
                    $"Rule '{rule.Name}': 'after {after.Delay.Text}' fires later than {string.Join(" and ", late)}, so it can only follow a breach. Fire the step at or before the target.");
            }
        }
    }
}
