using Antlr4.Runtime.Misc;
using EscalationDsl.Language.Parsing.Generated;

namespace EscalationDsl.Language.Parsing;

/// <summary>Token sets read off the grammar's ATN, so recovery follows the grammar as it changes.</summary>
internal static class GrammarSets
{
    /// <summary>The tokens that start a top-level declaration.</summary>
    public static readonly IntervalSet DeclarationStarts = Frozen(Starts(EscalationParser.RULE_declaration));

    /// <summary>Keywords that start an item inside a block (or an action) and never a declaration.</summary>
    public static readonly IntervalSet ItemStarts = Frozen(
        Starts(EscalationParser.RULE_ruleItem, EscalationParser.RULE_calendarItem, EscalationParser.RULE_ownerDecl, EscalationParser.RULE_action)
            .Subtract(DeclarationStarts)
            .Subtract(IntervalSet.Of(EscalationLexer.IDENT)));

    private static IntervalSet Starts(params int[] rules)
    {
        var atn = EscalationParser._ATN;
        var set = new IntervalSet();
        foreach (var rule in rules)
        {
            set.AddAll(atn.NextTokens(atn.ruleToStartState[rule]));
        }

        return set;
    }

    // Shared by every parse, on any thread: nobody may change them.
    private static IntervalSet Frozen(IntervalSet set)
    {
        set.SetReadonly(true);
        return set;
    }
}
