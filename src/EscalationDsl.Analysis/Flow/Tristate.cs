using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// Three-valued logic over conditions: true, false, or null for "depends on what is not known".
/// The leaves are decided by a callback, so each rule states exactly what it knows.
/// </summary>
internal static class Tristate
{
    /// <summary>Evaluates <paramref name="condition"/>, asking <paramref name="leaf"/> about each comparison, test and flag.</summary>
    public static bool? Evaluate(ConditionModel condition, Func<ConditionModel, bool?> leaf) => condition switch
    {
        AndCondition a => And(Evaluate(a.Left, leaf), Evaluate(a.Right, leaf)),
        OrCondition o => Or(Evaluate(o.Left, leaf), Evaluate(o.Right, leaf)),
        NotCondition n => Evaluate(n.Operand, leaf) is { } v ? !v : null,
        _ => leaf(condition),
    };

    /// <summary>Kleene conjunction.</summary>
    public static bool? And(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;

    /// <summary>Kleene disjunction.</summary>
    public static bool? Or(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
}
