using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using EscalationDsl.Language.Parsing.Generated;
using static EscalationDsl.Language.Parsing.Generated.EscalationParser;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// A keyword written where the grammar takes a name: which name that is, what to say about it,
/// and whether the input reads as the intended declaration once the keyword is taken as the name.
/// </summary>
internal static class KeywordAsName
{
    /// <summary>The sentence that explains the keyword, naming the declaration when it is one.</summary>
    /// <param name="declared">What the name would declare (<see cref="DeclaredAt"/>), or null.</param>
    /// <param name="tokens">The token stream, positioned at the keyword.</param>
    /// <param name="valuePosition">Whether a string may stand here too, so a quoted keyword would do.</param>
    public static string Hint(string? declared, ITokenStream tokens, bool valuePosition)
    {
        var word = tokens.LT(1).Text;
        if (declared is not null)
        {
            // Name-words have no '_' in them, so a suggestion with one is never a keyword.
            return $"'{word}' is a keyword, so it cannot be {Article(declared)} {declared} name. Choose another name, such as '{word}_{Suffix(declared, tokens)}'.";
        }

        return valuePosition
            ? $"'{word}' is a keyword, so it cannot be a name here. To use it as a value, write it as a string: \"{word}\"."
            : $"'{word}' is a keyword, so it cannot be a name here. Choose another name.";
    }

    /// <summary>
    /// The kind of declaration whose name the parser matches in <paramref name="context"/>, or null.
    /// References (<c>owner NAME</c>, <c>for SEVERITY</c>, <c>on EVENT</c>) are not declarations.
    /// </summary>
    public static string? DeclaredAt(RuleContext context) => context switch
    {
        OwnerDeclContext => "owner",
        SeverityDeclContext => "severity",
        EscalationDeclContext => "escalation rule",
        CalendarNameContext { Parent: CalendarDeclContext } => "calendar",
        _ => null,
    };

    /// <summary>
    /// The kind of declaration whose name starts an item of the block <paramref name="context"/>
    /// loops over, or null: a field's name starts its line in a <c>fields</c> block, so the parser
    /// meets it in the block's loop rather than inside the declaration.
    /// </summary>
    public static string? DeclaredByItemOf(RuleContext context) => context is FieldsDeclContext ? "field" : null;

    /// <summary>
    /// Whether the parser, in its current state, could go on with a name in place of the keyword
    /// and then the tokens after it on the keyword's line: <c>within text</c> in a <c>fields</c>
    /// block is a field, but <c>escalation late for sev1</c> after a block left open is not one.
    /// </summary>
    /// <param name="recognizer">The parser, at the keyword.</param>
    /// <param name="line">The line a token is on, as the source counts lines.</param>
    public static bool FitsAsName(Parser recognizer, Func<IToken, int> line)
    {
        var tokens = (ITokenStream)recognizer.InputStream;
        var keyword = tokens.LT(1);
        var sequence = new List<int> { EscalationLexer.IDENT };
        for (var k = 2; tokens.LT(k) is { Type: not TokenConstants.EOF } next && (k == 2 || line(next) == line(keyword)); k++)
        {
            sequence.Add(next.Type);
        }

        return sequence.Count > 1 && CanMatch(recognizer.Atn, recognizer.Atn.states[recognizer.State], recognizer.Context, sequence);
    }

    /// <summary>Whether some path through the ATN from <paramref name="start"/> matches <paramref name="types"/> in order.</summary>
    private static bool CanMatch(ATN atn, ATNState start, RuleContext context, IReadOnlyList<int> types)
    {
        var visited = new HashSet<(int State, Frame? Calls, RuleContext Context, int Index)>();
        return Walk(start, null, context, 0);

        bool Walk(ATNState state, Frame? calls, RuleContext outer, int index)
        {
            if (index == types.Count)
            {
                return true;
            }

            if (!visited.Add((state.stateNumber, calls, outer, index)))
            {
                return false;
            }

            if (state is RuleStopState)
            {
                // Return into a rule this walk entered, or else into the parser's own callers.
                if (calls is not null)
                {
                    return Walk(atn.states[calls.FollowState], calls.Caller, outer, index);
                }

                return outer is { IsEmpty: false, Parent: { } parent }
                    && Walk(((RuleTransition)atn.states[outer.invokingState].Transition(0)).followState, null, parent, index);
            }

            for (var i = 0; i < state.NumberOfTransitions; i++)
            {
                var transition = state.Transition(i);
                var matched = transition switch
                {
                    RuleTransition call => Walk(call.target, new Frame(call.followState.stateNumber, calls), outer, index),
                    _ when transition.IsEpsilon => Walk(transition.target, calls, outer, index),
                    _ => transition.Matches(types[index], TokenConstants.MinUserTokenType, atn.maxTokenType)
                        && Walk(transition.target, calls, outer, index + 1),
                };
                if (matched)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>What follows the keyword in the suggested name: the field's type, the owner's kind or the declaration.</summary>
    private static string Suffix(string declared, ITokenStream tokens) => declared switch
    {
        "field" => tokens.LT(2).Text,
        "owner" => tokens.LT(-1).Text,
        "escalation rule" => "rule",
        _ => declared,
    };

    private static string Article(string noun) => "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>A rule the walk entered: where it goes on once that rule ends.</summary>
    private sealed record Frame(int FollowState, Frame? Caller);
}
