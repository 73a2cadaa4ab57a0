using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL002: a one-off step that fires after the mitigate or resolve target of a severity it applies to.
/// By then the ticket should be mitigated or resolved; a step that only starts at that point comes too
/// late to help meet the SLA. Steps that wait on the same event are ESL001's.
/// </summary>
public sealed class StepAfterResolutionTargetRule() : LintRule(
    "ESL002",
    "step-after-resolution-target",
    DiagnosticLevel.Warning,
    "A step fires only after the mitigate or resolve target of a severity it applies to has passed.")
{
    private static readonly SlaComponent[] Components = [SlaComponent.Mitigate, SlaComponent.Resolve];

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var (rule, after, covered) in Matrix.TimedSteps(model.Policy))
        {
            var waitsFor = SlaEvents.ProtectedBy(after);
            var late = covered
                .SelectMany(s => Components
                    .Where(c => !waitsFor.Contains(c))
                    .Select(c => (Severity: s, Component: c, Target: s.Target(c))))
                .Where(x => x.Target is { } target && DurationBounds.IsCertainlyLonger(after.Delay, target.Within))
                .Select(x => $"{x.Severity.Name} {ModelFormatter.Format(x.Component)} within {x.Target!.Within.Text}")
                .ToList();
            if (late.Count > 0)
            {
                yield return Report(after.Delay.Span,
                    $"Rule '{rule.Name}': 'after {after.Delay.Text}' fires after the ticket should already be fixed ({string.Join(", ", late)}), so it cannot help meet the SLA. Fire the step before the target.");
            }
        }
    }
}
