using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Matrix;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL006: a rule or step that can never fire, where that is certain from the policy alone:
/// a rule whose `when` excludes every severity it selects; `on resolved` and `on closed` (steps never
/// run on a resolved ticket); `on severity_raised` for the least severe level (or `severity_lowered`
/// for the most severe); an `on EVENT when C` whose C is false once the event has happened
/// (`on acknowledged when not acknowledged`); an `after ... unless C` whose C always holds, or an
/// `every ... while C` whose C never holds, while the rule applies; an `after` or `every` step that could
/// fire only while a `pause sla while` holds (<see cref="PausedSteps"/>). Apart from the pauses, conditions
/// on anything else are unknown and never reported. A condition that never (or always) holds by itself, or a `when` that
/// contradicts the `for` list, is left to ESL029 and ESL030, which name the parts.
/// </summary>
public sealed class UnreachableStepRule() : LintRule(
    "ESL006",
    "unreachable-step",
    DiagnosticLevel.Warning,
    "An escalation rule or step can never fire.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        foreach (var rule in policy.Rules)
        {
            var severities = policy.Severities.Where(s => Matrix.MayApply(policy, rule, s)).ToList();
            if (severities.Count == 0 && policy.Severities.Any(rule.AppliesTo))
            {
                // A `when` that contradicts itself or the `for` list is ESL029's, which names the parts;
                // either way the steps of a rule that never applies are not judged one by one.
                if (!(rule.When is { } when && ConditionFindings.Decides(policy, new ConditionSite(when, ConditionPlace.RuleWhen, rule), always: false)))
                {
                    yield return Report(rule.NameSpan,
                        $"Rule '{rule.Name}' can never apply: its `when` condition excludes every severity it selects ({string.Join(", ", policy.Severities.Where(rule.AppliesTo).Select(s => s.Name))}). Fix the condition or the `for` list.");
                }

                continue;
            }

            foreach (var step in rule.Steps)
            {
                if (Reason(policy, severities, step) is { } reason)
                {
                    if (!DecidedByCondition(policy, rule, step))
                    {
                        yield return Report(step.Trigger.Span, $"Rule '{rule.Name}': this step can never fire: {reason}. Remove it or fix its trigger.");
                    }
                }
                else if (PausedSteps.Reason(policy, rule, step) is { } paused)
                {
                    yield return Report(step.Trigger.Span, $"Rule '{rule.Name}': this step can never fire: {paused}");
                }
            }
        }
    }

    /// <summary>
    /// True when the step's condition never holds (`while`, `when`) or always holds (`unless`) by
    /// itself: ESL029 or ESL030 report it with the parts that make it so.
    /// </summary>
    private static bool DecidedByCondition(PolicyModel policy, RuleModel rule, StepModel step) =>
        ModelWalker.TriggerSite(rule, step.Trigger) is { } site
        && ConditionFindings.Decides(policy, site, always: site.Place == ConditionPlace.Unless);

    private static string? Reason(PolicyModel policy, List<SeverityModel> severities, StepModel step)
    {
        switch (step.Trigger)
        {
            case OnTrigger { Event: TriggerEvent.Resolved or TriggerEvent.Closed } on:
                return $"steps never run on a resolved or closed ticket, so `on {BuiltIns.EventName(on.Event)}` does not fire";

            case OnTrigger on:
                var candidates = on.Event switch
                {
                    // The new severity is more severe than the old one, so it is never the least severe.
                    TriggerEvent.SeverityRaised => severities.Where(s => s.Rank < policy.Severities.Length - 1).ToList(),
                    TriggerEvent.SeverityLowered => severities.Where(s => s.Rank > 0).ToList(),
                    _ => severities,
                };
                if (on.Event is TriggerEvent.SeverityRaised or TriggerEvent.SeverityLowered or TriggerEvent.SeverityChanged && policy.Severities.Length == 1)
                {
                    return "the policy has only one severity, so it never changes";
                }

                if (candidates.Count == 0)
                {
                    return on.Event == TriggerEvent.SeverityRaised
                        ? $"the rule applies only to {string.Join(", ", severities.Select(s => s.Name))}, and no severity is raised to the least severe level"
                        : $"the rule applies only to {string.Join(", ", severities.Select(s => s.Name))}, and no severity is lowered to the most severe level";
                }

                var facts = EventFacts(on);
                if (on.When is { } when && candidates.All(s => Tristate.Evaluate(when, leaf => Decide(policy, leaf, s, facts)) == false))
                {
                    return $"`when {ModelFormatter.Format(when)}` is always false at that event";
                }

                return null;

            case AfterTrigger { Unless: { } unless }
                when severities.All(s => Tristate.Evaluate(unless, leaf => Decide(policy, leaf, s, [])) == true):
                return $"`unless {ModelFormatter.Format(unless)}` always holds while the rule applies";

            case EveryTrigger { While: { } whileCondition }
                when severities.All(s => Tristate.Evaluate(whileCondition, leaf => Decide(policy, leaf, s, [])) == false):
                return $"`while {ModelFormatter.Format(whileCondition)}` never holds while the rule applies";

            default:
                return null;
        }
    }

    /// <summary>A leaf known from the event that just happened, from creation, or from the severity; else unknown.</summary>
    private static bool? Decide(PolicyModel policy, ConditionModel leaf, SeverityModel severity, IReadOnlyCollection<string> facts)
    {
        if (leaf is FlagCondition flag && (flag.Field is { IsBuiltIn: true, Name: "created" } || facts.Contains(flag.Field.Name)))
        {
            return true;
        }

        return QuickReferenceBuilder.Evaluate(leaf, null, severity, policy.Severities);
    }

    /// <summary>The fields that are certainly set once the event has happened (the runtime sets them before `on` steps run).</summary>
    private static IReadOnlyCollection<string> EventFacts(OnTrigger on) => on.Event switch
    {
        TriggerEvent.Acknowledged => ["acknowledged"],
        TriggerEvent.FirstUpdate or TriggerEvent.CustomerUpdate => ["first_update", "customer_update"],
        TriggerEvent.EngineeringAssigned => ["engineering_assigned"],
        TriggerEvent.Mitigation or TriggerEvent.MitigationPlanned => ["mitigation_planned"],
        TriggerEvent.Contained => ["contained", "mitigation_planned"],
        TriggerEvent.WorkaroundFailed => ["workaround_failed"],
        TriggerEvent.Reopened => ["reopened"],
        TriggerEvent.FlagRaised when on.Flag is not null => [on.Flag.Name],
        _ => [],
    };
}
