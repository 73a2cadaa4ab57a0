using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL014: a rule is <c>driven by X</c>, yet a step escalates to a <c>route(...)</c> specialist before any
/// step can escalate to X. Hybrid escalation goes up the hierarchy first, so the driver holds the
/// incident when the specialist joins. A step escalating to X counts unless it certainly fires later
/// (a <c>next</c> whose owner is unknown might be X, so it counts).
/// </summary>
public sealed class SpecialistBeforeDriverRule() : LintRule(
    "ESL014",
    "specialist-before-driver",
    DiagnosticLevel.Warning,
    "A rule `driven by` an owner escalates to a routed specialist before any step escalates to that owner.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        foreach (var rule in policy.Rules)
        {
            if (rule.Driver is not { } driver || rule.StartOwner?.Name == driver.Name)
            {
                continue;
            }

            var toDriver = rule.Steps.Where(s => MayEscalateTo(policy, rule, s, driver)).ToList();
            foreach (var step in rule.Steps)
            {
                var routed = step.Actions.OfType<EscalateAction>().Select(e => e.Owner).OfType<RoutedOwnerRef>().FirstOrDefault();
                if (routed is null || toDriver.Any(d => d.Index != step.Index && !RuleTimeline.CertainlyBefore(step, d)))
                {
                    continue;
                }

                yield return Report(routed.Span,
                    $"Rule '{rule.Name}' is driven by '{driver.Name}' (line {SyntaxIndex.Line(model, SyntaxIndex.DriverSpan(model, rule))}), but this step hands the ticket to the specialist from route({routed.Route.Field.Name}) before any step escalates to {driver.Name}. Escalate to {driver.Name} first, or drop `driven by`.");
                break;
            }
        }
    }

    private static bool MayEscalateTo(PolicyModel policy, RuleModel rule, StepModel step, OwnerModel driver) =>
        step.Actions.OfType<EscalateAction>().Any(e => e.Owner switch
        {
            NamedOwnerRef n => n.Owner.Name == driver.Name,
            RoutedOwnerRef r => r.Route.Default?.Name == driver.Name || r.Route.Entries.Any(x => x.Owner.Name == driver.Name),
            _ => RuleTimeline.Resolve(policy, rule, step, e.Owner) is not { } owner || owner.Name == driver.Name,
        });
}
