using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL010: a security or compliance rule (its `when` tests a field, flag or value whose name starts with
/// <c>security</c> or <c>compliance</c>, not negated) whose first reaction waits for a delay: it has
/// no <c>immediately</c> or <c>on</c> step. Such tickets go to their owner at once.
/// </summary>
public sealed class DelayedSecurityEscalationRule() : LintRule(
    "ESL010",
    "delayed-security-escalation",
    DiagnosticLevel.Warning,
    "A security or compliance rule reacts only after a delay instead of `immediately` or `on` an event.")
{
    private static readonly string[] Prefixes = ["security", "compliance"];

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var rule in model.Policy.Rules)
        {
            if (rule.When is null || SensitiveName(rule.When) is not { } name)
            {
                continue;
            }

            if (rule.Steps.Any(s => s.Trigger is ImmediateTrigger or OnTrigger))
            {
                continue;
            }

            var delayed = rule.Steps.FirstOrDefault(s => s.Trigger is AfterTrigger or EveryTrigger);
            if (delayed is not null)
            {
                var delay = delayed.Trigger is AfterTrigger a ? a.Delay : ((EveryTrigger)delayed.Trigger).Interval;
                yield return Report(delayed.Trigger.Span,
                    $"Rule '{rule.Name}' handles {name} tickets but first reacts after {delay.Text}. Security and compliance issues go to their owner at once: start with `immediately:` or `on EVENT:`.");
            }
        }
    }

    /// <summary>The first sensitive name the condition tests positively, or null.</summary>
    private static string? SensitiveName(ConditionModel condition)
    {
        foreach (var leaf in ModelWalker.PositiveLeaves(condition))
        {
            var names = leaf switch
            {
                FlagCondition f => [f.Field.Name],
                CompareCondition { Operator: Language.Syntax.CompareOperator.Equal } c => [c.Field.Name, c.Value],
                CompareCondition c => [c.Field.Name],
                InCondition { Negated: false } i => [i.Field.Name, .. i.Values],
                InCondition i => [i.Field.Name],
                _ => Array.Empty<string>(),
            };
            if (names.FirstOrDefault(n => Prefixes.Any(p => n.StartsWith(p, StringComparison.OrdinalIgnoreCase))) is { } name)
            {
                return name;
            }
        }

        return null;
    }
}
