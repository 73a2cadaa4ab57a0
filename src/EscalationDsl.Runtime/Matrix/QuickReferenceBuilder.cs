using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Matrix;

/// <summary>
/// Builds the quick reference from the bound policy. For every severity and every issue type
/// (the declared values of `issue_type`, or "any" when it is free text) it lists the rules that can
/// apply and walks their steps, resolving `next` and `route(...)` to the owner they name for that
/// issue type. Issue types whose rows come out the same are merged into one row.
/// </summary>
public static class QuickReferenceBuilder
{
    private const string AnyIssueType = "any";

    /// <summary>Builds the chart: of every severity, or of those named in <paramref name="only"/> (names the policy declares).</summary>
    public static QuickReference Build(PolicyModel policy, IReadOnlyCollection<string>? only = null)
    {
        var issueTypes = policy.FindField("issue_type") is { Type: FieldType.Enum } field ? field.Values : [AnyIssueType];
        var rows = new List<(string IssueType, MatrixRow Row)>();
        var edges = new List<ChainEdge>();
        var severities = only is null ? policy.Severities : [.. policy.Severities.Where(s => only.Contains(s.Name))];

        foreach (var severity in severities)
        {
            foreach (var issueType in issueTypes)
            {
                foreach (var rule in policy.Rules.Where(r => r.AppliesTo(severity)))
                {
                    var known = issueType == AnyIssueType ? null : issueType;
                    if (rule.When is not null && Evaluate(rule.When, known, severity) == false)
                    {
                        continue;
                    }

                    // Timed steps hand the ticket along in order; `on` steps react to events, so each
                    // starts from whoever holds the ticket when the rule starts.
                    var start = rule.StartOwner?.Name ?? "(assigned owner)";
                    var owner = start;
                    foreach (var step in rule.Steps)
                    {
                        var from = step.Trigger is OnTrigger ? start : owner;
                        var (next, nobody) = NextOwner(policy, step, from, known);
                        if (step.Trigger is ImmediateTrigger && next is not null && next == start && rule.StartOwner is not null)
                        {
                            // `immediately: assign OWNER` of the rule's own owner is how a rule that starts on a
                            // ticket somebody holds takes it over (language.md): a hand-over, not a no-op.
                            from = "(assigned owner)";
                        }

                        var actions = step.Actions.Where(a => a is not (EscalateAction or AssignAction)).Select(ModelFormatter.Format).ToList();
                        if (nobody is not null)
                        {
                            actions.Insert(0, nobody);
                        }

                        rows.Add((issueType, new MatrixRow(issueType, severity.Name, rule.Name, step.Index, rule.When is null ? null : ModelFormatter.Format(rule.When),
                            from, next == from ? null : next, ModelFormatter.Format(step.Trigger), string.Join(", ", actions))));
                        if (next is not null && next != from)
                        {
                            edges.Add(new ChainEdge(from, next, $"{rule.Name}: {ModelFormatter.Format(step.Trigger)}"));
                            if (step.Trigger is not OnTrigger)
                            {
                                owner = next;
                            }
                        }
                    }
                }
            }
        }

        // Merge rows that differ only in the issue type, keeping the first row's position.
        var ranks = policy.Severities.ToDictionary(s => s.Name, s => s.Rank);
        var ruleOrder = policy.Rules.ToDictionary(r => r.Name, r => r.Index);
        var merged = rows
            .GroupBy(r => r.Row with { IssueTypes = string.Empty })
            .Select(g => g.First().Row with
            {
                IssueTypes = g.Select(r => r.IssueType).Distinct().Count() == issueTypes.Length && issueTypes.Length > 1
                    ? AnyIssueType
                    : string.Join(", ", g.Select(r => r.IssueType).Distinct()),
            })
            .OrderBy(r => ranks[r.Severity])
            .ThenBy(r => ruleOrder[r.Rule])
            .ThenBy(r => r.Step)
            .ToImmutableArray();
        var sla = severities.Select(s => new SlaRow(
            s.Name,
            s.DisplayName,
            Target(s, SlaComponent.Acknowledge),
            Target(s, SlaComponent.FirstUpdate),
            Target(s, SlaComponent.Assign),
            Target(s, SlaComponent.Mitigate) is { } m && s.Target(SlaComponent.Mitigate)!.WithField is { } with ? $"{m} with {with.Name}" : Target(s, SlaComponent.Mitigate),
            Target(s, SlaComponent.Resolve),
            s.Cadence is { } c ? $"every {ModelFormatter.Format(c.Interval)}{(c.Until is null ? "" : " until " + ModelFormatter.Format(c.Until))}" : null)).ToImmutableArray();
        return new QuickReference(policy.Name, policy.Version, sla, merged, Guards(policy, only is null ? null : severities), [.. edges.Distinct()], only is null ? null : [.. severities.Select(s => s.Name)]);
    }

    /// <summary>
    /// What changes the steps across the matrix, in the order a trainee asks about it. When the chart is
    /// limited to <paramref name="only"/> severities, what can apply to one of them: a rule's guard when
    /// its rule can, a pause, required fields or a deescalation unless its condition cannot hold at any
    /// of them (judged as the rows' rules are).
    /// </summary>
    private static ImmutableArray<GuardRow> Guards(PolicyModel policy, IReadOnlyList<SeverityModel>? only)
    {
        const string Policy = "policy";
        bool Can(ConditionModel? condition) => condition is null || only is null || only.Any(s => Evaluate(condition, null, s, policy.Severities) != false);
        bool InRule(string? rule) => rule is null || only is null || (policy.FindRule(rule) is { } r && only.Any(s => r.AppliesTo(s) && (r.When is null || Evaluate(r.When, null, s, policy.Severities) != false)));
        var rows = new List<GuardRow>();
        rows.AddRange(policy.Pauses.Where(p => Can(p.While)).Select(p => new GuardRow("SLA pause", Policy, $"pause sla while {ModelFormatter.Format(p.While)}",
            "every clock stops: SLA targets, the customer update cadence and the rules' timed steps")));
        rows.AddRange(policy.PageGuards.Concat(policy.Rules.SelectMany(r => r.PageGuards)).Where(g => InRule(g.RuleName)).Select(g => new GuardRow("page guard", g.RuleName ?? Policy,
            $"page only when {ModelFormatter.Format(g.When)}", "otherwise a page goes out as a notification")));
        rows.AddRange(policy.RequireGuards.Concat(policy.Rules.SelectMany(r => r.RequireGuards)).Where(g => InRule(g.RuleName) && Can(g.When)).Select(g => new GuardRow("required fields", g.RuleName ?? Policy,
            $"require {string.Join(", ", g.Fields.Select(f => f.Name))} before escalate{(g.When is null ? "" : " when " + ModelFormatter.Format(g.When))}",
            "an escalation waits until they are set, and the owner is asked for them")));
        rows.AddRange(policy.Deescalations.Where(d => Can(d.When)).Select(d => new GuardRow("deescalation", Policy, ModelFormatter.Heading(d),
            string.Join(", ", d.Actions.Select(ModelFormatter.Format)))));
        return [.. rows];
    }

    private static string? Target(SeverityModel severity, SlaComponent component) =>
        severity.Target(component) is { } t ? ModelFormatter.Format(t.Within) : null;

    /// <summary>
    /// Who holds the ticket after the step's <c>assign</c> and <c>escalate to</c> actions, each taken in order from the
    /// owner the one before it left (as the runtime runs them), or null when none names anybody; and, for an
    /// <c>escalate to next</c> from a declared owner who reports to no one, what the runtime does instead:
    /// <c>escalate to next: nobody (fulfil reports to no one)</c>, the ticket staying where it is.
    /// </summary>
    private static (string? Next, string? Nobody) NextOwner(PolicyModel policy, StepModel step, string current, string? issueType)
    {
        string? next = null;
        string? nobody = null;
        foreach (var action in step.Actions)
        {
            var target = action switch
            {
                EscalateAction e => e.Owner,
                AssignAction a => a.Owner,
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            var from = next ?? current;
            if (target is NextOwnerRef && policy.FindOwner(from) is { ReportsTo: null })
            {
                nobody = $"escalate to next: nobody ({from} reports to no one)";
                next = from;
                continue;
            }

            next = target switch
            {
                NamedOwnerRef n => n.Owner.Name,
                CurrentOwnerRef => from,
                NextOwnerRef => policy.FindOwner(from)?.ReportsTo ?? "(next of " + from + ")",
                RoutedOwnerRef r when r.Route.Field.Name == "issue_type" && issueType is not null => r.Route.Resolve(issueType)?.Name ?? "(no route)",
                RoutedOwnerRef r => $"route({r.Route.Field.Name})",
                _ => null,
            };
        }

        return (next, nobody);
    }

    /// <summary>
    /// Three-valued evaluation of a rule condition when only the issue type and severity are known:
    /// false means the rule can never apply to such tickets; null means it depends on other fields.
    /// Shared with the linter (matrix holes, overlapping rules, guards on the top severity), so the
    /// chart and the lint findings cannot disagree about which rules apply.
    /// </summary>
    /// <param name="condition">A bound condition.</param>
    /// <param name="issueType">The ticket's issue type, or null when it is not known.</param>
    /// <param name="severity">The ticket's severity.</param>
    /// <param name="severities">The policy's severities, to compare `severity` by rank; without them ordered comparisons are unknown.</param>
    public static bool? Evaluate(ConditionModel condition, string? issueType, SeverityModel severity, IReadOnlyList<SeverityModel>? severities = null) => condition switch
    {
        AndCondition a => And(Evaluate(a.Left, issueType, severity, severities), Evaluate(a.Right, issueType, severity, severities)),
        OrCondition o => Or(Evaluate(o.Left, issueType, severity, severities), Evaluate(o.Right, issueType, severity, severities)),
        NotCondition n => Evaluate(n.Operand, issueType, severity, severities) is { } v ? !v : null,
        CompareCondition { Field.Name: "issue_type", Operator: Language.Syntax.CompareOperator.Equal } c when issueType is not null => c.Value == issueType,
        CompareCondition { Field.Name: "issue_type", Operator: Language.Syntax.CompareOperator.NotEqual } c when issueType is not null => c.Value != issueType,
        InCondition { Field.Name: "issue_type" } i when issueType is not null => i.Values.Contains(issueType) != i.Negated,
        CompareCondition { Field.Name: "severity", Operator: Language.Syntax.CompareOperator.Equal } c => c.Value == severity.Name,
        CompareCondition { Field.Name: "severity", Operator: Language.Syntax.CompareOperator.NotEqual } c => c.Value != severity.Name,
        CompareCondition { Field.Name: "severity" } c when Rank(severities, c.Value) is { } rank => CompareRank(c.Operator, severity.Rank, rank),
        InCondition { Field.Name: "severity" } i => i.Values.Contains(severity.Name) != i.Negated,
        _ => null,
    };

    private static int? Rank(IReadOnlyList<SeverityModel>? severities, string name) =>
        severities?.FirstOrDefault(s => s.Name == name)?.Rank;

    // More severe is greater, and rank 0 is the most severe: `severity > sev2` holds for lower ranks.
    private static bool? CompareRank(Language.Syntax.CompareOperator op, int ticket, int value) => op switch
    {
        Language.Syntax.CompareOperator.Less => ticket > value,
        Language.Syntax.CompareOperator.LessOrEqual => ticket >= value,
        Language.Syntax.CompareOperator.Greater => ticket < value,
        Language.Syntax.CompareOperator.GreaterOrEqual => ticket <= value,
        _ => null,
    };

    private static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    private static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
}
