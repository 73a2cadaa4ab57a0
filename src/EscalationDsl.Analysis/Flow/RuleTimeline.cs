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
    /// Who holds the ticket just before <paramref name="step"/> fires, when certain: the target of
    /// <see cref="LastHandOverBefore"/> when that step always fires. Null when unknown, which includes
    /// every step no hand-over of the rule comes before: the rule's `owner` takes the ticket only if
    /// nobody holds it yet (docs/language.md), so a ticket created with an owner, or held when a later
    /// `when` or severity starts the rule, keeps its owner.
    /// </summary>
    public static OwnerModel? HolderBefore(PolicyModel policy, RuleModel rule, StepModel step) =>
        LastHandOverBefore(rule, step) is { } last && AlwaysFires(last) ? HolderAt(policy, rule, last, last.Actions.Length) : null;

    /// <summary>
    /// Who holds the ticket just before action <paramref name="action"/> of <paramref name="step"/> runs (after its last
    /// action: <c>step.Actions.Length</c>), when certain. The actions run in order, so `owner` and `next` are read from
    /// the holder the actions before them left (`assign b, escalate to next` ends with b's manager); a hand-over that
    /// names nobody is skipped, and a route's owner is not known here.
    /// </summary>
    public static OwnerModel? HolderAt(PolicyModel policy, RuleModel rule, StepModel step, int action)
    {
        var holder = HolderBefore(policy, rule, step);
        for (var i = 0; i < action; i++)
        {
            // A hand-over that names nobody (`next` from the top) is skipped: the holder stays.
            if (ModelWalker.HandOverOf(step.Actions[i]) is { } target)
            {
                holder = Named(policy, holder, target) ?? (target is NextOwnerRef ? holder : null);
            }
        }

        return holder;
    }

    /// <summary>
    /// The latest step with a hand-over that certainly fires before <paramref name="step"/> would, or null when
    /// there is none or the order is uncertain (a hand-over by an `every` or `on` step can come at any moment).
    /// </summary>
    public static StepModel? LastHandOverBefore(RuleModel rule, StepModel step)
    {
        var handOvers = rule.Steps.Where(s => s.Index != step.Index && ModelWalker.HandOver(s) is not null).ToList();
        if (handOvers.Any(s => !CertainlyBefore(s, step) && !CertainlyBefore(step, s)))
        {
            return null;
        }

        var before = handOvers.Where(s => CertainlyBefore(s, step)).ToList();
        return before.FirstOrDefault(s => before.All(p => p.Index == s.Index || CertainlyBefore(p, s)));
    }

    /// <summary>The owner a reference in <paramref name="step"/> names, when certain.</summary>
    public static OwnerModel? Resolve(PolicyModel policy, RuleModel rule, StepModel step, OwnerRefModel target) =>
        Named(policy, target is NamedOwnerRef ? null : HolderBefore(policy, rule, step), target);

    /// <summary>The owner a reference names while <paramref name="holder"/> holds the ticket; null for nobody, or when unknown (a route, an unknown holder).</summary>
    public static OwnerModel? Named(PolicyModel policy, OwnerModel? holder, OwnerRefModel target) => target switch
    {
        NamedOwnerRef n => n.Owner,
        CurrentOwnerRef => holder,
        NextOwnerRef => holder?.ReportsTo is { } next ? policy.FindOwner(next) : null,
        _ => null,
    };
}
