using Antlr4.Runtime;
using Antlr4.Runtime.Atn;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Text;
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
            // No keyword has a '_' in it, so the suggested name is never one.
            return $"'{word}' is a keyword, so it cannot be {English.Article(declared)} {declared} name. Choose another name, such as '{word}_{Suffix(declared, tokens)}'.";
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
    /// <remarks>
    /// A calendar's name is met likewise, in the choice after <c>calendar</c> between <c>by FIELD</c>
    /// and the name (the context then holds nothing but the <c>calendar</c> keyword).
    /// </remarks>
    private static string? DeclaredByItemOf(RuleContext context) => context switch
    {
        FieldsDeclContext => "field",
        CalendarDeclContext { ChildCount: 1 } => "calendar",
        _ => null,
    };

    /// <summary>
    /// At the loop or block where a <c>fields</c> block's items start, whether the keyword there is
    /// a field's name: the parser expects a name, not this keyword, and could go on with a name in
    /// its place and then the tokens after it on the keyword's line. <c>within text</c> is a field,
    /// but <c>escalation late for sev1</c> after a block left open is not one.
    /// </summary>
    /// <param name="recognizer">The parser, in <see cref="Parser.ErrorHandler"/>'s Sync.</param>
    /// <param name="line">The line a token is on, as the source counts lines.</param>
    /// <returns>What the name declares ("field"), or null when the keyword is no such name.</returns>
    public static string? ItemNameAt(Parser recognizer, Func<IToken, int> line)
    {
        // Sync runs before every loop and block: the cheap tests come first.
        var keyword = recognizer.CurrentToken;
        if (DeclaredByItemOf(recognizer.Context) is not { } declared || !TokenDescriber.IsKeyword(keyword.Type))
        {
            return null;
        }

        var atn = recognizer.Atn;
        var state = atn.states[recognizer.State];
        if (state.StateType is not (StateType.BlockStart or StateType.StarBlockStart or StateType.PlusBlockStart
            or StateType.StarLoopEntry or StateType.StarLoopBack or StateType.PlusLoopBack))
        {
            return null;
        }

        // `calendar by "UTC" {` is a calendar named `by`, not the start of a `calendar by FIELD` block.
        var tokens = (ITokenStream)recognizer.InputStream;
        var calendarNamedBy = keyword.Type == EscalationLexer.BY && tokens.LT(2).Type == EscalationLexer.STRING;
        var next = atn.NextTokens(state);
        if ((next.Contains(keyword.Type) && !calendarNamedBy) || next.Contains(TokenConstants.EPSILON) || !next.Contains(EscalationLexer.IDENT))
        {
            return null;
        }

        // A few tokens tell a field from a declaration; the walk recurses once per token, so a long line is cut.
        var sequence = new List<int> { EscalationLexer.IDENT };
        for (var k = 2; k <= LookAhead && tokens.LT(k) is { Type: not TokenConstants.EOF } after && (k == 2 || line(after) == line(keyword)); k++)
        {
            sequence.Add(after.Type);
        }

        return sequence.Count > 1 && CanMatch(atn, state, recognizer.Context, sequence) ? declared : null;
    }

    private const int LookAhead = 8;

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

    /// <summary>A rule the walk entered: where it goes on once that rule ends.</summary>
    private sealed record Frame(int FollowState, Frame? Caller);
}
