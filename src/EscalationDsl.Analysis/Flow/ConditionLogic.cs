using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>A leaf of a condition (a comparison, test, flag, `older than` or `during`), as it is or negated.</summary>
internal sealed record Literal(ConditionModel Atom, bool Positive);

/// <summary>
/// Decides exactly whether a condition can hold, from the policy alone. The condition is normalised to
/// a disjunction of conjunctions of <see cref="Literal"/>s (at most <see cref="MaxAlternatives"/>, from
/// at most <see cref="MaxTests"/> tests; past that it is not judged); a conjunction holds for some ticket unless the literals on one field
/// exclude every value the field can have (<see cref="FieldValues"/>). Fields are taken as
/// independent, which can only make a contradiction go unnoticed, never invent one. `older than` and
/// `during` are yes-or-no facts: they contradict only their own negation.
/// </summary>
internal sealed class ConditionLogic(PolicyModel policy, bool openTicket = false)
{
    /// <summary>The most alternatives a condition is expanded to before the analysis gives up on it.</summary>
    public const int MaxAlternatives = 64;

    /// <summary>The most tests (leaves) a condition may have to be judged.</summary>
    public const int MaxTests = 64;

    private readonly FieldValues values = new(policy, openTicket);

    /// <summary>
    /// When the condition (or, with <paramref name="positive"/> false, its negation), together with
    /// <paramref name="extra"/>, can never hold: for each alternative, a smallest set of its literals
    /// that cannot hold together. Null when it can hold, or when it is too large to judge.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Literal>>? Contradictions(ConditionModel condition, bool positive, Literal? extra = null) =>
        Contradictions(condition, positive, extra is null ? [] : [extra]);

    /// <summary>As above, with every literal of <paramref name="given"/> taken to hold too.</summary>
    public IReadOnlyList<IReadOnlyList<Literal>>? Contradictions(ConditionModel condition, bool positive, IReadOnlyList<Literal> given)
    {
        if (ModelWalker.Leaves(condition).Skip(MaxTests).Any() || Alternatives(condition, positive) is not { } alternatives)
        {
            return null;
        }

        var cores = new List<IReadOnlyList<Literal>>();
        foreach (var alternative in alternatives)
        {
            List<Literal> literals = given.Count == 0 ? alternative : [.. given, .. alternative];
            if (Core(literals) is not { } core)
            {
                return null;
            }

            if (!cores.Any(c => c.SequenceEqual(core)))
            {
                cores.Add(core);
            }
        }

        return cores;
    }

    /// <summary>
    /// True when <paramref name="condition"/>, with every literal of <paramref name="given"/>, can hold only
    /// while <paramref name="implied"/> holds too: together with any way <paramref name="implied"/> can fail,
    /// it cannot hold. False when it can hold without it, or when either is too large to judge.
    /// </summary>
    public bool Implies(ConditionModel condition, ConditionModel implied, IReadOnlyList<Literal> given) =>
        Alternatives(implied, positive: false) is { } failures
        && failures.All(failure => Contradictions(condition, true, [.. given, .. failure]) is not null);

    /// <summary>The disjunctive form of the condition, or null past <see cref="MaxAlternatives"/>.</summary>
    public static List<List<Literal>>? Alternatives(ConditionModel condition, bool positive)
    {
        switch (condition)
        {
            case NotCondition n:
                return Alternatives(n.Operand, !positive);
            case AndCondition or OrCondition:
                var (left, right, conjunction) = condition is AndCondition a
                    ? (a.Left, a.Right, positive)
                    : (((OrCondition)condition).Left, ((OrCondition)condition).Right, !positive);
                if (Alternatives(left, positive) is not { } l || Alternatives(right, positive) is not { } r)
                {
                    return null;
                }

                if (!conjunction)
                {
                    return l.Count + r.Count > MaxAlternatives ? null : [.. l, .. r];
                }

                return l.Count * r.Count > MaxAlternatives ? null : [.. l.SelectMany(x => r.Select(y => (List<Literal>)[.. x, .. y]))];
            default:
                return [[new Literal(condition, positive)]];
        }
    }

    /// <summary>A smallest set of the literals that cannot hold together, or null when they all can.</summary>
    private IReadOnlyList<Literal>? Core(IReadOnlyList<Literal> literals)
    {
        foreach (var group in literals.GroupBy(l => Key(l.Atom)))
        {
            var core = group.ToList();
            if (Satisfiable(core))
            {
                continue;
            }

            // Drop each literal that the contradiction does not need.
            for (var i = core.Count - 1; i >= 0; i--)
            {
                var without = core.Where((_, j) => j != i).ToList();
                if (!Satisfiable(without))
                {
                    core = without;
                }
            }

            return core;
        }

        return null;
    }

    private bool Satisfiable(IReadOnlyList<Literal> sameKey)
    {
        if (sameKey.Count == 0)
        {
            return true;
        }

        if (FieldOf(sameKey[0].Atom) is not { } field)
        {
            // A yes-or-no fact: it holds or it does not.
            return sameKey.All(l => l.Positive) || sameKey.All(l => !l.Positive);
        }

        return values.Candidates(field, sameKey.Select(l => l.Atom))
            .Any(value => sameKey.All(l => values.Holds(l.Atom, value) == l.Positive));
    }

    private static FieldModel? FieldOf(ConditionModel atom) => atom switch
    {
        FlagCondition f => f.Field,
        CompareCondition c => c.Field,
        InCondition i => i.Field,
        _ => null,
    };

    /// <summary>Literals with the same key speak about the same thing: a field's value, or one `older than` or `during`.</summary>
    private static string Key(ConditionModel atom) => atom switch
    {
        OlderCondition o => $"older {o.Field.Name} {ModelFormatter.Format(o.Age)}",
        DuringCondition d => "during " + d.Calendar.Name,
        _ => FieldOf(atom) is { } field ? "field " + field.Name : "leaf " + atom.Span,
    };
}
