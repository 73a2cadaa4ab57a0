using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// The order in which a rule's steps fire and who holds the ticket at each, where that is certain.
/// Only one-off steps have a place in time (`immediately` at 0, `after D` at D from the rule start);
/// `every` and `on` steps can fire at any moment, so a hand-over by one of them makes the holder
/// unknown. Steps due at the same moment fire in policy order.
/// </summary>
internal static class RuleTimeline
{
    /// <summary>The offset from the rule start at which a one-off step fires, or null for `every` and `on`.</summary>
    public static DurationModel? TimeOf(StepModel step) => step.Trigger switch
    {
        ImmediateTrigger => DurationBounds.Zero,
        AfterTrigger a => a.Delay,
        _ => null,
    };

    /// <summary>True when step <paramref name="a"/> certainly fires before step <paramref name="b"/> of the same rule.</summary>
    public static bool CertainlyBefore(StepModel a, StepModel b)
    {
        if (TimeOf(a) is not { } ta || TimeOf(b) is not { } tb)
        {
            return false;
        }

        return DurationBounds.IsCertainlyShorter(ta, tb) || DurationBounds.AreSame(ta, tb) && a.Index < b.Index;
    }

    /// <summary>True when the step fires whenever its time comes (no `unless`).</summary>
    public static bool AlwaysFires(StepModel step) => step.Trigger is ImmediateTrigger or AfterTrigger { Unless: null };

    /// <summary>
    /// Who holds the ticket just before <paramref name="step"/> fires, when certain: the target of the
    /// latest hand-over that certainly came before it and always fires, or the rule's `owner` when no
    /// hand-over can come before it. Null when unknown.
    /// </summary>
    public static OwnerModel? HolderBefore(PolicyModel policy, RuleModel rule, StepModel step)
    {
        var handOvers = rule.Steps.Where(s => s.Index != step.Index && ModelWalker.HandOver(s) is not null).ToList();
        if (handOvers.Any(s => !CertainlyBefore(s, step) && !CertainlyBefore(step, s)))
        {
            return null;
        }

        var before = handOvers.Where(s => CertainlyBefore(s, step)).ToList();
        if (before.Count == 0)
        {
            return rule.StartOwner;
        }

        var last = before.FirstOrDefault(s => before.All(p => p.Index == s.Index || CertainlyBefore(p, s)));
        return last is not null && AlwaysFires(last) ? Resolve(policy, rule, last, ModelWalker.HandOver(last)!) : null;
    }

    /// <summary>The owner a reference in <paramref name="step"/> names, when certain.</summary>
    public static OwnerModel? Resolve(PolicyModel policy, RuleModel rule, StepModel step, OwnerRefModel target) => target switch
    {
        NamedOwnerRef n => n.Owner,
        CurrentOwnerRef => HolderBefore(policy, rule, step),
        NextOwnerRef => HolderBefore(policy, rule, step)?.ReportsTo is { } next ? policy.FindOwner(next) : null,
        _ => null,
    };
}
