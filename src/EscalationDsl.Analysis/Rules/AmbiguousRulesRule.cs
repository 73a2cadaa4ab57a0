using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL004: two rules that certainly apply to the same tickets and both decide who owns them: each names
/// a different starting owner, or each escalates on a timer (`immediately`, `after`, `every`; an escalation
/// `on` an event is a reaction to that event and does not count). Which owner ends up holding the ticket
/// then depends on timing. Overlap is certain when both rules hold for one severity and issue type whatever the other
/// fields are, or when their conditions are the same.
/// </summary>
public sealed class AmbiguousRulesRule() : LintRule(
    "ESL004",
    "ambiguous-rules",
    DiagnosticLevel.Warning,
    "Two escalation rules match the same tickets and both decide who owns them.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        var rules = policy.Rules;
        for (var j = 1; j < rules.Length; j++)
        {
            for (var i = 0; i < j; i++)
            {
                var (first, second) = (rules[i], rules[j]);
                var conflict = Conflict(first, second);
                if (conflict is null || Overlap(policy, first, second) is not { } cell)
                {
                    continue;
                }

                yield return Report(second.NameSpan,
                    $"Rules '{first.Name}' (line {SyntaxIndex.Line(model, first.NameSpan)}) and '{second.Name}' both apply to {cell}, and {conflict}: who owns the ticket depends on timing. Narrow one rule's `for` list or `when` condition so they do not overlap, or merge them.");
                break;
            }
        }
    }

    private static string? Conflict(RuleModel a, RuleModel b)
    {
        if (a.StartOwner is { } x && b.StartOwner is { } y && x.Name != y.Name)
        {
            return $"they start with different owners ({x.Name}, {y.Name})";
        }

        return Escalates(a) && Escalates(b) ? "both escalate on a timer" : null;
    }

    // Escalations `on` an event are reactions to that event; only timed ones compete for the ticket.
    private static bool Escalates(RuleModel rule) => rule.Steps.Any(s => s.Trigger is not OnTrigger && s.Actions.Any(a => a is EscalateAction));

    /// <summary>
    /// The tickets both rules certainly apply to, in words. An issue type is named only where it narrows
    /// the overlap: two rules without a `when` share every issue type of a severity, and naming the
    /// first one would send the reader to narrow the wrong thing.
    /// </summary>
    private static string? Overlap(PolicyModel policy, RuleModel a, RuleModel b)
    {
        var sameCondition = a.When is not null && b.When is not null && ModelFormatter.Format(a.When) == ModelFormatter.Format(b.When);
        var issueTypes = Matrix.IssueTypes(policy);
        var both = policy.Severities.Where(s => a.AppliesTo(s) && b.AppliesTo(s)).ToList();
        if (sameCondition && both.Count > 0)
        {
            return $"{both[0].Name} tickets when {ModelFormatter.Format(a.When!)}";
        }

        // Severities grouped by the issue types they share, in declaration order; null stands for all of them.
        var groups = new List<(string? IssueTypes, List<string> Severities)>();
        foreach (var severity in both)
        {
            var shared = issueTypes
                .Where(t => Matrix.Applies(policy, a, severity, t) == true && Matrix.Applies(policy, b, severity, t) == true)
                .ToList();
            if (shared.Count == 0)
            {
                continue;
            }

            var narrowed = shared.Count == issueTypes.Length ? null : Listed(shared.OfType<string>().ToList(), "or");
            var index = groups.FindIndex(g => g.IssueTypes == narrowed);
            if (index < 0)
            {
                groups.Add((narrowed, [severity.Name]));
            }
            else
            {
                groups[index].Severities.Add(severity.Name);
            }
        }

        return groups.Count == 0 ? null : string.Join(" and ", groups.Select(g => g switch
        {
            (null, var all) when all.Count > 1 && all.Count == policy.Severities.Length => "all tickets",
            (null, var some) => $"all {Listed(some, "and")} tickets",
            (var types, var some) => $"{Listed(some, "and")} tickets with issue_type {types}",
        }));
    }

    private static string Listed(IReadOnlyList<string> items, string conjunction) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} {conjunction} {items[^1]}";
}
