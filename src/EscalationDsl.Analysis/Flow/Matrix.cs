using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Matrix;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// The escalation matrix as the linter sees it: severities by issue types, where only those two are
/// known about a ticket. Rule conditions are evaluated with the same three-valued logic as
/// <c>esc matrix</c> (<see cref="QuickReferenceBuilder.Evaluate"/>), so the two agree.
/// </summary>
internal static class Matrix
{
    // Rules ask for the issue types per rule and severity; the answer depends on the policy only.
    private static readonly ConditionalWeakTable<PolicyModel, IssueTypeList> IssueTypeCache = [];

    /// <summary>The declared values of an `issue_type` enum, or one unknown issue type (null).</summary>
    public static ImmutableArray<string?> IssueTypes(PolicyModel policy) =>
        IssueTypeCache.GetValue(policy, p => new IssueTypeList(
            p.FindField("issue_type") is { Type: FieldType.Enum, Values.IsEmpty: false } field ? [.. field.Values] : [null])).Values;

    /// <summary>
    /// Whether the rule applies to tickets of this severity and issue type: true, false, or null when it
    /// depends on other fields.
    /// </summary>
    public static bool? Applies(PolicyModel policy, RuleModel rule, SeverityModel severity, string? issueType)
    {
        if (!rule.AppliesTo(severity))
        {
            return false;
        }

        return rule.When is null ? true : QuickReferenceBuilder.Evaluate(rule.When, issueType, severity, policy.Severities);
    }

    /// <summary>True unless the rule certainly never applies to tickets of the severity, whatever their issue type.</summary>
    public static bool MayApply(PolicyModel policy, RuleModel rule, SeverityModel severity) =>
        IssueTypes(policy).Any(issueType => Applies(policy, rule, severity, issueType) != false);

    /// <summary>
    /// Every step with an <c>after</c> trigger, with its rule and the severities that rule may apply to
    /// (the rules that compare an SLA target with the step's delay ask for these).
    /// </summary>
    public static IEnumerable<(RuleModel Rule, AfterTrigger After, IReadOnlyList<SeverityModel> Severities)> TimedSteps(PolicyModel policy)
    {
        foreach (var rule in policy.Rules)
        {
            IReadOnlyList<SeverityModel>? covered = null;
            foreach (var step in rule.Steps)
            {
                if (step.Trigger is AfterTrigger after)
                {
                    covered ??= policy.Severities.Where(s => MayApply(policy, rule, s)).ToList();
                    yield return (rule, after, covered);
                }
            }
        }
    }

    /// <summary>Whether a condition holds for tickets of this severity and issue type (null: it depends).</summary>
    public static bool? Holds(PolicyModel policy, ConditionModel? condition, SeverityModel severity, string? issueType) =>
        condition is null ? true : QuickReferenceBuilder.Evaluate(condition, issueType, severity, policy.Severities);

    /// <summary>True when no rule selects the severity (by name or `for any`) and no condition or route names it.</summary>
    public static bool IsUnused(PolicyModel policy, SeverityModel severity)
    {
        if (policy.Rules.Any(r => r.AppliesTo(severity)))
        {
            return false;
        }

        var named = ModelWalker.Conditions(policy).SelectMany(ModelWalker.Leaves).Any(leaf => leaf switch
        {
            CompareCondition { Field.Type: FieldType.Severity } c => c.Value == severity.Name,
            InCondition { Field.Type: FieldType.Severity } i => i.Values.Contains(severity.Name),
            _ => false,
        });
        var routed = policy.Routes.Any(r => r.Field.Type == FieldType.Severity && r.Entries.Any(e => e.Values.Contains(severity.Name)));
        return !named && !routed;
    }
}

/// <summary>A cache entry of <see cref="Matrix.IssueTypes"/> (ConditionalWeakTable needs a class).</summary>
internal sealed record IssueTypeList(ImmutableArray<string?> Values);
