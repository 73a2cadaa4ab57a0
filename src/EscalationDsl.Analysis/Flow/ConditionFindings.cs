using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Flow;

/// <summary>A condition, or a part of one, that never holds (<see cref="Always"/> false) or always holds.</summary>
internal sealed record ConditionFinding(bool Always, TextSpan Span, string Message);

/// <summary>
/// Finds the conditions, and the parts of conditions, that can never hold or always hold, for ESL029 and
/// ESL030. Each part is judged on its own, innermost first: once a part is reported, the parts around it
/// are not (they hold or fail because of it). A rule's `when` is also judged together with its `for` list.
/// Where a condition is evaluated only on an open ticket (`pause sla while`, `unless`, `until`, the `while`
/// of an uncapped `every`), a whole condition that holds whenever the ticket is open is reported as always holding.
/// </summary>
internal static class ConditionFindings
{
    /// <summary>Every finding in the policy, in the order of <see cref="ModelWalker.ConditionSites"/>.</summary>
    public static IEnumerable<ConditionFinding> Find(SemanticModel model)
    {
        var logic = new ConditionLogic(model.Policy);
        foreach (var site in ModelWalker.ConditionSites(model.Policy))
        {
            var wording = new ConditionWording(model, site);
            var found = new List<ConditionFinding>();
            var whole = logic.Contradictions(site.Condition, true) is not null ? false
                : logic.Contradictions(site.Condition, false) is not null ? true
                : (bool?)null;
            Visit(logic, wording, site.Condition, whole, found);
            if (found.Count == 0 && ForList(model.Policy, site) is { } forList
                && logic.Contradictions(site.Condition, true, forList) is { } cores)
            {
                found.Add(wording.Finding(site.Condition, always: false, cores, consequence: true, forList));
            }

            if (found.Count == 0 && OnOpenTicketOnly(site)
                && new ConditionLogic(model.Policy, openTicket: true).Contradictions(site.Condition, false) is { } openCores)
            {
                found.Add(wording.Finding(site.Condition, always: true, openCores, consequence: true, openTicket: true));
            }

            if (found.Count == 0 && WhileTheRuleApplies(logic, model.Policy, site) is { } given)
            {
                found.Add(wording.GivenTheRule(site.Condition, given.Always, given.Core, given.Rule));
            }

            foreach (var finding in found)
            {
                yield return finding;
            }
        }
    }

    /// <summary>
    /// True when ESL029 or ESL030 reports that the whole condition at the site never holds (with the
    /// rule's `for` list, for a rule's `when`) or, with <paramref name="always"/>, always holds, so that
    /// ESL006 leaves the step or rule to them.
    /// </summary>
    public static bool Decides(PolicyModel policy, ConditionSite site, bool always)
    {
        if (WhileTheRuleApplies(new ConditionLogic(policy), policy, site) is { } given && given.Always == always)
        {
            return true;
        }

        if (!always)
        {
            return new ConditionLogic(policy).Contradictions(site.Condition, true, ForList(policy, site)) is not null;
        }

        return new ConditionLogic(policy).Contradictions(site.Condition, false) is not null
            || (OnOpenTicketOnly(site) && new ConditionLogic(policy, openTicket: true).Contradictions(site.Condition, false) is not null);
    }

    /// <summary>
    /// Reports the parts of <paramref name="node"/> that never or always hold, innermost first; returns
    /// which of the two it reported. A part is not reported for what a part inside it already explains
    /// (`(vip and not vip) and x` only on `vip and not vip`), but still for the other
    /// (`not created or vip or not vip` both on `not created` and on the whole).
    /// </summary>
    private static (bool Never, bool Always) Visit(ConditionLogic logic, ConditionWording wording, ConditionModel node, bool? whole, List<ConditionFinding> found)
    {
        var inner = node;
        while (inner is NotCondition not)
        {
            inner = not.Operand;
        }

        var (left, right) = inner switch
        {
            AndCondition a => (Visit(logic, wording, a.Left, whole, found), Visit(logic, wording, a.Right, whole, found)),
            OrCondition o => (Visit(logic, wording, o.Left, whole, found), Visit(logic, wording, o.Right, whole, found)),
            _ => default,
        };
        var below = (Never: left.Never || right.Never, Always: left.Always || right.Always);
        foreach (var always in (bool[])[false, true])
        {
            if ((always ? below.Always : below.Never) || logic.Contradictions(node, positive: !always) is not { } cores)
            {
                continue;
            }

            found.Add(wording.Finding(node, always, cores, consequence: whole == always));
            return always ? (below.Never, true) : (true, below.Always);
        }

        return below;
    }

    /// <summary>For a rule's `when` with a `for` list: the literal "the severity is one of the list".</summary>
    private static Literal? ForList(PolicyModel policy, ConditionSite site) =>
        site.Place == ConditionPlace.RuleWhen && site.Rule is { } rule ? ForList(policy, rule) : null;

    /// <summary>For a rule with a `for` list: the literal "the severity is one of the list", which holds while the rule applies.</summary>
    public static Literal? ForList(PolicyModel policy, RuleModel rule) =>
        !rule.AnySeverity && policy.FindField("severity") is { } severity
            ? new Literal(new InCondition(severity, false, [.. rule.Severities.Select(s => s.Name)], rule.NameSpan), true)
            : null;

    /// <summary>
    /// A step's `unless`, `while` or `when` is evaluated only while the rule applies (docs/runtime.md: a
    /// step fires only while its rule applies), so its `for` list and its `when` hold then. (Not the rule's
    /// guards: `page only when` and `require ... when` are read at the action, after the step's earlier
    /// actions, such as an escalation, may have changed what the `when` reads.) When the condition never holds, or always holds, given
    /// them, though not alone: the literals that show it, which include a part of the rule's `when` (a
    /// contradiction with the `for` list alone is ESL006's, per severity). Only a `when` that is one
    /// conjunction is used, and only a single contradiction is reported.
    /// </summary>
    private static (bool Always, IReadOnlyList<Literal> Core, RuleContext Rule)? WhileTheRuleApplies(ConditionLogic logic, PolicyModel policy, ConditionSite site)
    {
        if (site is not { Rule: { When: { } when } rule, Place: ConditionPlace.Unless or ConditionPlace.While or ConditionPlace.OnWhen }
            || ConditionLogic.Alternatives(when, positive: true) is not [var whenLiterals])
        {
            return null;
        }

        var context = new RuleContext(whenLiterals, ForList(policy, rule));
        foreach (var always in (bool[])[false, true])
        {
            if (logic.Contradictions(site.Condition, positive: !always, context.All) is [var core]
                && core.Any(context.When.Contains) && !core.All(context.All.Contains))
            {
                return (always, core, context);
            }
        }

        return null;
    }

    /// <summary>
    /// Places evaluated only while the ticket is neither resolved nor closed, where a condition that holds
    /// on every open ticket does harm: it stops every clock, kills a step or a cadence, or, as the `while`
    /// of an `every` step without `up to N times`, leaves the step repeating until resolution (ESL007's
    /// uncapped repeat). A capped step's `while not resolved` is only redundant and is not reported.
    /// </summary>
    private static bool OnOpenTicketOnly(ConditionSite site) =>
        site.Place is ConditionPlace.Pause or ConditionPlace.Unless or ConditionPlace.Until
        || site.Trigger is EveryTrigger { Cap: null };
}

/// <summary>What holds while a rule applies: its `when` (one conjunction), and its `for` list if it has one.</summary>
internal sealed record RuleContext(IReadOnlyList<Literal> When, Literal? ForList)
{
    public IReadOnlyList<Literal> All { get; } = ForList is null ? When : [ForList, .. When];
}
