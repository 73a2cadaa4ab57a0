using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL010: a security or compliance rule (its `when` tests a field, flag or value whose name starts with
/// <c>security</c> or <c>compliance</c>, not negated) whose first reaction waits for a delay: it has
/// no <c>immediately</c> step and no <c>on</c> step at the event that starts it. Such tickets go to their
/// owner at once.
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

            if (rule.Steps.Any(s => ReactsWhenTheRuleStarts(s.Trigger, rule.When)))
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

    /// <summary>
    /// An `immediately` step, or an `on` step at the event that makes the rule's `when` hold: a flag it
    /// tests raised (`on security_flagged` fires also for a ticket created with the flag), or an event
    /// that sets what it reads (`field_set`; `flagged` when it tests a flag). Another `on` step
    /// (`on reopened`, `on acknowledged`) may never come, so the first reaction still waits.
    /// </summary>
    private static bool ReactsWhenTheRuleStarts(TriggerModel trigger, ConditionModel when)
    {
        var flags = ModelWalker.PositiveLeaves(when).OfType<FlagCondition>().Select(f => f.Field.Name);
        return trigger switch
        {
            ImmediateTrigger => true,
            OnTrigger { Flag: { } flag } => flags.Contains(flag.Name, StringComparer.Ordinal),
            OnTrigger { Event: TriggerEvent.FieldSet } => true,
            OnTrigger { Event: TriggerEvent.Flagged } => flags.Any(),
            _ => false,
        };
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
