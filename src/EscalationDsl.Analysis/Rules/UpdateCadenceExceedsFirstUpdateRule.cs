using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL015: <c>update every D</c> longer than the severity's <c>first_update</c> target. The first update
/// tells the customer how often they will hear from us; a cadence slower than that first promise means
/// the wait for the second update is longer than the wait for the first.
/// </summary>
public sealed class UpdateCadenceExceedsFirstUpdateRule() : LintRule(
    "ESL015",
    "update-cadence-exceeds-first-update",
    DiagnosticLevel.Info,
    "A severity's update cadence (`update every`) is longer than its first_update target.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var severity in model.Policy.Severities)
        {
            if (severity.Cadence is { } cadence
                && severity.Target(SlaComponent.FirstUpdate) is { } first
                && DurationBounds.IsCertainlyLonger(cadence.Interval, first.Within))
            {
                yield return Report(cadence.Interval.Span,
                    $"Severity '{severity.Name}' updates every {cadence.Interval.Text}, longer than its first_update target ({first.Within.Text}): after the first update customers wait longer for the next one. Update at least as often as the first update is due, or confirm the slower cadence is intended.");
            }
        }
    }
}
