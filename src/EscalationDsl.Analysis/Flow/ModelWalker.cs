using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>Enumerates the parts of a bound policy that several rules look through.</summary>
internal static class ModelWalker
{
    /// <summary>Every condition written in the policy, wherever it appears.</summary>
    public static IEnumerable<ConditionModel> Conditions(PolicyModel policy) => ConditionSites(policy).Select(s => s.Condition);

    /// <summary>Every condition written in the policy, with where it is written.</summary>
    public static IEnumerable<ConditionSite> ConditionSites(PolicyModel policy)
    {
        foreach (var severity in policy.Severities)
        {
            if (severity.Cadence?.Until is { } until)
            {
                yield return new ConditionSite(until, ConditionPlace.Until, Severity: severity);
            }
        }

        foreach (var rule in policy.Rules)
        {
            if (rule.When is { } when)
            {
                yield return new ConditionSite(when, ConditionPlace.RuleWhen, rule);
            }

            foreach (var step in rule.Steps)
            {
                if (TriggerSite(rule, step.Trigger) is { } site)
                {
                    yield return site;
                }
            }

            foreach (var guard in rule.RequireGuards)
            {
                if (guard.When is { } guardWhen)
                {
                    yield return new ConditionSite(guardWhen, ConditionPlace.RequireWhen, rule);
                }
            }

            foreach (var guard in rule.PageGuards)
            {
                yield return new ConditionSite(guard.When, ConditionPlace.PageGuard, rule);
            }
        }

        foreach (var guard in policy.RequireGuards)
        {
            if (guard.When is { } when)
            {
                yield return new ConditionSite(when, ConditionPlace.RequireWhen);
            }
        }

        foreach (var guard in policy.PageGuards)
        {
            yield return new ConditionSite(guard.When, ConditionPlace.PageGuard);
        }

        foreach (var deescalation in policy.Deescalations)
        {
            yield return new ConditionSite(deescalation.When, ConditionPlace.Deescalate);
        }

        foreach (var pause in policy.Pauses)
        {
            yield return new ConditionSite(pause.While, ConditionPlace.Pause);
        }
    }

    /// <summary>The `unless`, `while` or `when` condition of a rule's trigger with its place, if any.</summary>
    public static ConditionSite? TriggerSite(RuleModel rule, TriggerModel trigger) => trigger switch
    {
        AfterTrigger { Unless: { } unless } => new ConditionSite(unless, ConditionPlace.Unless, rule, Trigger: trigger),
        EveryTrigger { While: { } whileCondition } => new ConditionSite(whileCondition, ConditionPlace.While, rule, Trigger: trigger),
        OnTrigger { When: { } when } => new ConditionSite(when, ConditionPlace.OnWhen, rule, Trigger: trigger),
        _ => null,
    };

    /// <summary>The `unless`, `while` or `when` condition of a trigger, if any.</summary>
    public static ConditionModel? TriggerCondition(TriggerModel trigger) => trigger switch
    {
        AfterTrigger a => a.Unless,
        EveryTrigger e => e.While,
        OnTrigger o => o.When,
        _ => null,
    };

    /// <summary>The comparisons, tests and flags of a condition (its leaves).</summary>
    public static IEnumerable<ConditionModel> Leaves(ConditionModel condition)
    {
        switch (condition)
        {
            case AndCondition a:
                return Leaves(a.Left).Concat(Leaves(a.Right));
            case OrCondition o:
                return Leaves(o.Left).Concat(Leaves(o.Right));
            case NotCondition n:
                return Leaves(n.Operand);
            default:
                return [condition];
        }
    }

    /// <summary>The leaves that make the condition more likely to hold (under an even number of `not`s).</summary>
    public static IEnumerable<ConditionModel> PositiveLeaves(ConditionModel condition, bool positive = true)
    {
        switch (condition)
        {
            case AndCondition a:
                return PositiveLeaves(a.Left, positive).Concat(PositiveLeaves(a.Right, positive));
            case OrCondition o:
                return PositiveLeaves(o.Left, positive).Concat(PositiveLeaves(o.Right, positive));
            case NotCondition n:
                return PositiveLeaves(n.Operand, !positive);
            default:
                return positive ? [condition] : [];
        }
    }

    /// <summary>The field a leaf reads, if any.</summary>
    public static FieldModel? FieldOf(ConditionModel leaf) => leaf switch
    {
        FlagCondition f => f.Field,
        CompareCondition c => c.Field,
        InCondition i => i.Field,
        OlderCondition o => o.Field,
        _ => null,
    };

    /// <summary>Every duration written in the policy.</summary>
    public static IEnumerable<DurationModel> Durations(PolicyModel policy)
    {
        foreach (var severity in policy.Severities)
        {
            foreach (var target in severity.Targets)
            {
                yield return target.Within;
            }

            if (severity.Cadence is { } cadence)
            {
                yield return cadence.Interval;
            }
        }

        foreach (var duration in policy.Rules.SelectMany(TriggerDurations))
        {
            yield return duration;
        }

        foreach (var leaf in Conditions(policy).SelectMany(Leaves))
        {
            if (leaf is OlderCondition older)
            {
                yield return older.Age;
            }
        }
    }

    /// <summary>The waits of a rule's steps: <c>after</c> delays and <c>every</c> intervals.</summary>
    public static IEnumerable<DurationModel> TriggerDurations(RuleModel rule)
    {
        foreach (var step in rule.Steps)
        {
            switch (step.Trigger)
            {
                case AfterTrigger a:
                    yield return a.Delay;
                    break;
                case EveryTrigger e:
                    yield return e.Interval;
                    break;
            }
        }
    }

    /// <summary>Every action with the rule and step it belongs to (both null for `deescalate` actions).</summary>
    public static IEnumerable<(RuleModel? Rule, StepModel? Step, ActionModel Action)> Actions(PolicyModel policy)
    {
        foreach (var rule in policy.Rules)
        {
            foreach (var step in rule.Steps)
            {
                foreach (var action in step.Actions)
                {
                    yield return (rule, step, action);
                }
            }
        }

        foreach (var deescalation in policy.Deescalations)
        {
            foreach (var action in deescalation.Actions)
            {
                yield return (null, null, action);
            }
        }
    }

    /// <summary>The owner references of an action.</summary>
    public static IEnumerable<OwnerRefModel> OwnerRefs(ActionModel action) => action switch
    {
        NotifyAction n => n.Owners,
        PageAction p => p.Owners,
        AssignAction a => [a.Owner],
        EscalateAction e => [e.Owner],
        RemindAction r => [r.Owner],
        _ => [],
    };

    /// <summary>The owner a step hands the ticket to: its last `escalate to` or `assign`, or null.</summary>
    public static OwnerRefModel? HandOver(StepModel step)
    {
        OwnerRefModel? target = null;
        foreach (var action in step.Actions)
        {
            target = HandOverOf(action) ?? target;
        }

        return target;
    }

    /// <summary>Whom an `escalate to` or `assign` hands the ticket to; null for other actions.</summary>
    public static OwnerRefModel? HandOverOf(ActionModel action) => action switch
    {
        EscalateAction e => e.Owner,
        AssignAction a => a.Owner,
        _ => null,
    };
}
