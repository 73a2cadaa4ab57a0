using System.Text.RegularExpressions;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Flow;

/// <summary>The span and message of a <see cref="ConditionFinding"/>: where it is, which parts contradict (or cover every case), and what that does.</summary>
internal sealed partial class ConditionWording(SemanticModel model, ConditionSite site)
{
    private const int MaxListed = 3;

    private readonly FieldValues values = new(model.Policy, openTicket: false);

    /// <summary>
    /// A finding on <paramref name="node"/>. With one contradiction it points at the parts that make it;
    /// with several (one per alternative) at the node. <paramref name="consequence"/> says what the
    /// whole condition then does at its place; otherwise the node is a part that changes nothing.
    /// </summary>
    public ConditionFinding Finding(ConditionModel node, bool always, IReadOnlyList<IReadOnlyList<Literal>> cores, bool consequence, Literal? forList = null, bool openTicket = false)
    {
        // A part written under `not` is shown with it; a negated group as a whole.
        var span = node.Span;
        if (cores.Count == 1 && node is not NotCondition)
        {
            var parts = cores[0].Where(l => l != forList).Select(l => Written(node, l.Atom)).ToList();
            span = parts.Aggregate(parts[0], (a, b) => a.Cover(b));
        }

        // `not (vip or not vip)` never holds because what it negates always holds: say that.
        var negated = Negations(node) % 2 == 1 && Unwrapped(node) is AndCondition or OrCondition;
        var explanation = (always, negated) switch
        {
            (true, false) => Covering(cores, openTicket),
            (false, false) => Contradicting(cores, forList),
            (true, true) => $"`{model.Source.Slice(node.Span)}` negates a condition that never holds: {Contradicting(cores, forList)}",
            _ => $"`{model.Source.Slice(node.Span)}` negates a condition that always holds: {Covering(cores, openTicket)}",
        };
        var order = cores.SelectMany(c => c).Any(l => l.Atom is CompareCondition { Field.Type: FieldType.Severity, Operator: not (CompareOperator.Equal or CompareOperator.NotEqual) })
            ? $"severities rank in declaration order, the first declared the most severe: {string.Join(" > ", model.Policy.Severities.Select(s => s.Name))}"
            : "";
        var tail = (consequence, always) switch
        {
            (true, false) => NeverConsequence(),
            (true, true) => AlwaysConsequence(),
            (false, false) => "so this part of the condition never holds. Fix it or remove it.",
            _ => "so this part of the condition always holds and tests nothing. Fix it or remove it.",
        };
        explanation = WithNote(WithNote(explanation, order), RangeNote(explanation, cores));
        return new ConditionFinding(always, span, $"{Place()}: {explanation}, {tail}");
    }

    /// <summary>
    /// A finding on a condition inside a rule that never holds, or always holds, while the rule applies:
    /// <paramref name="core"/> holds parts of the condition (negated ones for <paramref name="always"/>)
    /// and parts of the rule's `when` (and its `for` list) that cannot hold together.
    /// </summary>
    public ConditionFinding GivenTheRule(ConditionModel node, bool always, IReadOnlyList<Literal> core, RuleContext rule)
    {
        var own = core.Where(l => !rule.All.Contains(l)).ToList();
        var parts = own.Select(l => Written(node, l.Atom)).ToList();
        var span = parts.Aggregate(parts[0], (a, b) => a.Cover(b));
        var shown = always ? own.Select(l => l with { Positive = !l.Positive }).ToList() : own;
        var given = new List<string>();
        if (core.Where(rule.When.Contains).ToList() is { Count: > 0 } when)
        {
            given.Add($"{List(when, "and")} in the rule's `when`");
        }

        if (rule.ForList is { } forList && core.Contains(forList))
        {
            given.Add($"the rule's `for {string.Join(", ", ((InCondition)forList.Atom).Values)}`");
        }

        var explanation = always
            ? $"{List(shown, "or")} always holds while the rule applies, given {string.Join(" and ", given)}"
            : $"{List(shown, "and")} contradicts {string.Join(" and ", given)}";
        explanation = WithNote(explanation, RangeNote(explanation, [core]));
        explanation += always ? "" : ", and it is evaluated only while the rule applies";
        return new ConditionFinding(always, span, $"{Place()}: {explanation}, {(always ? AlwaysConsequence() : NeverConsequence())}");
    }

    /// <summary>A note joins the explanation's own parenthesis rather than opening a second one.</summary>
    private static string WithNote(string explanation, string note) =>
        note.Length == 0 ? explanation
        : explanation.EndsWith(')') ? $"{explanation[..^1]}; {note})"
        : $"{explanation} ({note})";

    /// <summary>
    /// The escalation level's range, where it is why parts on `escalation_level` contradict each other (or
    /// cover every case) and the explanation does not already say so: `escalation_level &gt;= 255 and
    /// escalation_level != 255` holds for 256, which no ticket reaches.
    /// </summary>
    private string RangeNote(string explanation, IEnumerable<IReadOnlyList<Literal>> cores) =>
        cores.Select(LevelRange).FirstOrDefault(r => r is not null && !explanation.Contains(r, StringComparison.Ordinal)) ?? "";

    /// <summary>Why literals on `escalation_level` cannot hold together: the side of its range they need, or null.</summary>
    private string? LevelRange(IReadOnlyList<Literal> core) => values.OutsideLevelRange(core) switch
    {
        (false, true) => $"the escalation level is at most {BuiltIns.MaxEscalationLevel}, where it stays however often the ticket is escalated",
        (true, false) => "the escalation level is never below 0, where every ticket starts",
        (true, true) => $"the escalation level runs from 0 to {BuiltIns.MaxEscalationLevel}",
        _ => null,
    };

    private static int Negations(ConditionModel node) => node is NotCondition n ? 1 + Negations(n.Operand) : 0;

    private static ConditionModel Unwrapped(ConditionModel node) => node is NotCondition n ? Unwrapped(n.Operand) : node;

    /// <summary>The span of a leaf with the `not`s written right before it.</summary>
    private static TextSpan Written(ConditionModel node, ConditionModel leaf) => node switch
    {
        NotCondition n when ContainsOnlyNots(n, leaf) => n.Span,
        NotCondition n => Written(n.Operand, leaf),
        AndCondition a => a.Left.Span.Contains(leaf.Span.Start) ? Written(a.Left, leaf) : Written(a.Right, leaf),
        OrCondition o => o.Left.Span.Contains(leaf.Span.Start) ? Written(o.Left, leaf) : Written(o.Right, leaf),
        _ => leaf.Span,
    };

    private static bool ContainsOnlyNots(ConditionModel node, ConditionModel leaf) =>
        ReferenceEquals(node, leaf) || (node is NotCondition n && ContainsOnlyNots(n.Operand, leaf));

    private string Contradicting(IReadOnlyList<IReadOnlyList<Literal>> cores, Literal? forList)
    {
        if (cores.Count > 1)
        {
            return "every alternative contradicts itself (" + Listed(cores.Select(c => Contradicting([c], forList))) + ")";
        }

        var core = cores[0];
        if (forList is not null && core.Contains(forList))
        {
            return $"{List(core.Where(l => l != forList), "and")} contradicts the rule's `for {string.Join(", ", ((InCondition)forList.Atom).Values)}`";
        }

        return core.Count switch
        {
            1 => $"{Quote(core[0])} never holds ({Reason(core[0], always: false)})",
            2 => $"{Quote(core[0])} contradicts {Quote(core[1])}",
            _ => $"{List(core, "and")} cannot all hold",
        };
    }

    /// <summary>The cores come from the negated condition: each lists parts of which one always holds.</summary>
    private string Covering(IReadOnlyList<IReadOnlyList<Literal>> cores, bool openTicket)
    {
        var flipped = cores.Select(c => c.Select(l => l with { Positive = !l.Positive }).ToList()).ToList();
        if (flipped.Count > 1)
        {
            return (openTicket ? $"whenever it is evaluated ({OpenTicketReason()}), " : "whatever the ticket's values, ")
                + "one part of each of these holds ("
                + Listed(flipped.Select(c => List(c, "or"))) + ")";
        }

        var core = flipped[0];
        return (core.Count, openTicket) switch
        {
            (1, _) => $"{Quote(core[0])} always holds ({(openTicket ? OpenTicketReason() : Reason(core[0], always: true))})",
            (_, true) => $"one of {List(core, "and")} holds whenever it is evaluated ({OpenTicketReason()})",
            _ => $"one of {List(core, "and")} holds whatever the ticket's values",
        };
    }

    /// <summary>
    /// Why one part never holds, or (shown negated, with <paramref name="always"/>) never fails. A part on
    /// `escalation_level` is decided by its range, and says which levels satisfy it; one on a `number`
    /// field only by the largest number a value can hold.
    /// </summary>
    private string Reason(Literal literal, bool always) => literal.Atom switch
    {
        _ when LevelRange([literal with { Positive = literal.Positive != always }]) is { } range =>
            always ? $"{range}; every level from 0 to {BuiltIns.MaxEscalationLevel} satisfies it" : range,
        _ when ModelWalker.FieldOf(literal.Atom) is { Type: FieldType.Number, IsBuiltIn: false } field =>
            $"'{field.Name}' holds at most {long.MaxValue}, the largest whole number a value can be",
        FlagCondition { Field: { IsBuiltIn: true, Name: "created" } } => "every ticket has been created",
        _ when ModelWalker.FieldOf(literal.Atom) is { } field => always ? $"every value '{field.Name}' can have satisfies it" : $"no value '{field.Name}' can have satisfies it",
        _ => always ? "it cannot fail" : "it cannot hold",
    };

    private string OpenTicketReason() => site.Place is ConditionPlace.Unless or ConditionPlace.While
        ? "steps run only while the ticket is neither resolved nor closed, and `resolved` is false then"
        : "clocks run only while the ticket is neither resolved nor closed, and `resolved` is false then";

    /// <summary>Explanations of alternatives, each once (two leaves may read the same), at most <see cref="MaxListed"/>.</summary>
    private static string Listed(IEnumerable<string> explanations)
    {
        var distinct = explanations.Distinct(StringComparer.Ordinal).ToList();
        return string.Join("; ", distinct.Take(MaxListed)) + (distinct.Count > MaxListed ? "; ..." : "");
    }

    private string List(IEnumerable<Literal> literals, string conjunction)
    {
        var quoted = literals.Select(Quote).ToList();
        return quoted.Count == 1 ? quoted[0] : string.Join(", ", quoted[..^1]) + $" {conjunction} " + quoted[^1];
    }

    /// <summary>
    /// A leaf as written, or negated: `==` and `!=`, `in` and `not in` are each other's negation (also
    /// for a missing value); an ordering is not (`not n &lt; 5` holds for a missing n, `n &gt;= 5` does not).
    /// </summary>
    private string Quote(Literal literal)
    {
        var text = model.Source.Slice(literal.Atom.Span);
        if (literal.Positive)
        {
            return $"`{text}`";
        }

        return literal.Atom switch
        {
            CompareCondition { Operator: CompareOperator.Equal or CompareOperator.NotEqual } =>
                $"`{EqualityOperator().Replace(text, m => m.Groups[1].Value + (m.Groups[2].Value == "==" ? "!=" : "=="), 1)}`",
            InCondition i => $"`{InOperator().Replace(text, m => m.Groups[1].Value + (i.Negated ? "in" : "not in"), 1)}`",
            _ => $"`not {text}`",
        };
    }

    [GeneratedRegex(@"^(\S+\s*)(==|!=)")]
    private static partial Regex EqualityOperator();

    [GeneratedRegex(@"^(\S+\s+)(?:not\s+)?in\b")]
    private static partial Regex InOperator();

    private string Place()
    {
        var rule = site.Rule is { } r ? $" of rule '{r.Name}'" : "";
        return site.Place switch
        {
            ConditionPlace.RuleWhen => $"In the `when`{rule}",
            ConditionPlace.Unless => $"In the `unless` of this step{rule}",
            ConditionPlace.While => $"In the `while` of this step{rule}",
            ConditionPlace.OnWhen => $"In the `when` of this step{rule}",
            ConditionPlace.RequireWhen => site.Rule is null ? "In the `when` of this policy-wide `require ... before escalate`" : $"In the `when` of this `require ... before escalate`{rule}",
            ConditionPlace.PageGuard => site.Rule is null ? "In this policy-wide `page only when`" : $"In this `page only when`{rule}",
            ConditionPlace.Deescalate => "In this `deescalate when`",
            ConditionPlace.Pause => "In this `pause sla while`",
            _ => $"In the `update every ... until` of severity '{site.Severity?.Name}'",
        };
    }

    private string NeverConsequence() => site.Place switch
    {
        ConditionPlace.RuleWhen => $"so rule '{site.Rule?.Name}' never applies. Fix the condition or the `for` list.",
        ConditionPlace.Unless => "so the step always fires, as if it had no `unless`. Fix the condition or remove it.",
        ConditionPlace.While or ConditionPlace.OnWhen => "so the step never fires. Fix the condition or remove the step.",
        ConditionPlace.RequireWhen => "so the guard never holds back an escalation. Fix the condition or remove the guard.",
        ConditionPlace.PageGuard => "so every page goes out as a notification. Fix the condition.",
        ConditionPlace.Deescalate => "so the block never runs. Fix the condition or remove the block.",
        ConditionPlace.Pause => "so the SLA clocks never pause. Fix the condition or remove the pause.",
        _ => "so the cadence ends only when the ticket is resolved or closed. Fix the condition, or remove `until` if that is meant.",
    };

    private string AlwaysConsequence() => site.Place switch
    {
        ConditionPlace.RuleWhen => $"so the `when` selects nothing: rule '{site.Rule?.Name}' applies to every ticket of its severities. Fix the condition or remove it.",
        ConditionPlace.Unless => "so the step never fires. Fix the condition or remove the step.",
        ConditionPlace.While => "so `while` never stops the repetition. Fix the condition, or cap the step with `up to N times`.",
        ConditionPlace.OnWhen => "so the `when` tests nothing. Fix the condition or remove it.",
        ConditionPlace.RequireWhen => "so the guard applies to every escalation. Fix the condition, or remove `when` if that is meant.",
        ConditionPlace.PageGuard => "so the guard never turns a page into a notification. Fix the condition or remove the guard.",
        ConditionPlace.Deescalate => "so the block does not wait for the ticket to calm down. Fix the condition.",
        ConditionPlace.Pause => "so every clock stops for the ticket's whole open life: no SLA target, update cadence or timed step can ever fall due. Fix the condition.",
        _ => "so the cadence never runs and no update is ever missed. Fix the condition.",
    };
}
