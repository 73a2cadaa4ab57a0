using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL007: <c>every D: ...</c> with neither <c>up to N times</c> nor <c>while C</c>. It repeats for as long
/// as the ticket is open, which for a page means waking someone every D for days.
/// </summary>
public sealed class UncappedRepeatRule() : LintRule(
    "ESL007",
    "uncapped-repeat",
    DiagnosticLevel.Warning,
    "A repeating step (`every`) has neither a cap (`up to N times`) nor a `while` condition that stops it.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var rule in model.Policy.Rules)
        {
            foreach (var step in rule.Steps)
            {
                if (step.Trigger is EveryTrigger { Cap: null, While: null } every)
                {
                    yield return Report(every.Span,
                        $"Rule '{rule.Name}': 'every {every.Interval.Text}' repeats until the ticket is resolved, with no cap and no stop condition. Add `while CONDITION` (for example `while not contained`) or `up to N times`.");
                }
            }
        }
    }
}
