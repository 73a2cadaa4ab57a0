using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using Antlr4.Runtime.Tree;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// ANTLR's default recovery, but every report becomes a structured diagnostic instead of a
/// message string for listeners. Error tokens from the lexer are already reported, so errors
/// they cause in the parser are not reported twice.
/// </summary>
/// <remarks>
/// Three additions make the first report point at the actual mistake:
/// a name one edit away from the keyword expected here is read as that keyword when what follows
/// fits (<c>escalation r fr sev1</c>); a keyword written where a name belongs is read as the name
/// (<c>enum [email, calendar]</c>, <c>team page</c>, <c>within text</c> in a <c>fields</c> block),
/// and said to be a keyword; and a declaration keyword inside an unclosed block is reported
/// as the missing '}' of that block.
/// </remarks>
internal sealed class SyntaxErrorStrategy(List<Diagnostic> diagnostics, SourceText source) : DefaultErrorStrategy
{
    private readonly HashSet<Diagnostic> readAsIntended = [];

    /// <summary>
    /// Reports of a token the parser then read as intended (a misspelt keyword, a keyword as a
    /// name): it goes on in step with the text, so what it reports next is a mistake of its own.
    /// </summary>
    public IReadOnlySet<Diagnostic> ReadAsIntended => readAsIntended;

    public override void ReportError(Parser recognizer, RecognitionException e)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var expected = e is NoViableAltException ? recognizer.GetExpectedTokens() : e.GetExpectedTokens() ?? recognizer.GetExpectedTokens();
        Report(recognizer, e.Context ?? recognizer.Context, e.OffendingToken ?? recognizer.CurrentToken, expected);
    }

    /// <summary>
    /// Before a loop over a block's items, reads a keyword that starts an item as the item's name
    /// when the rest of its line then fits: <c>within text</c> in a <c>fields</c> block is reported
    /// once and declares the field, where ANTLR would drop the keyword and read <c>text</c> as the
    /// name of a field of type <c>impact</c> (the next line's name), and so on down the block.
    /// </summary>
    public override void Sync(Parser recognizer)
    {
        if (!InErrorRecoveryMode(recognizer) && (TryReadKeywordAsItemName(recognizer) || TryReadFollowingUnit(recognizer)))
        {
            return;
        }

        base.Sync(recognizer);
    }

    /// <summary>
    /// In <c>2 working days</c>, reads <c>days</c> with the duration, whose unit <c>working</c> is none: the binder
    /// then reports the duration once (ESC2007) and offers <c>2 business days</c>. Left to itself, the parser
    /// would take <c>days</c> for the start of what follows and report a second error there, often at the
    /// end of the block.
    /// </summary>
    private bool TryReadFollowingUnit(Parser recognizer)
    {
        var current = recognizer.CurrentToken;
        if (recognizer.Context is not EscalationParser.WordDurationContext { unit.Stop: { } unit } duration || duration.ON() is not null
            || current.Type is not (EscalationLexer.IDENT or EscalationLexer.HOURS) || !DiagnosticCatalog.IsUnitWord(current.Text)
            || DiagnosticCatalog.IsUnitWord(unit.Text) || source.GetPosition(unit.StartIndex).Line != source.GetPosition(current.StartIndex).Line)
        {
            return false;
        }

        // Not in recovery mode, so the token joins the duration's context as an ordinary terminal.
        recognizer.Consume();
        return true;
    }

    public override IToken RecoverInline(Parser recognizer)
    {
        if (!InErrorRecoveryMode(recognizer) && TryReadAsIntended(recognizer) is { } token)
        {
            return token;
        }

        return base.RecoverInline(recognizer);
    }

    /// <summary>
    /// Skips input until a token in <paramref name="set"/>, like ANTLR, with two exceptions: a
    /// block that opens while skipping is skipped whole, and a declaration keyword counts only at
    /// the start of a line. Otherwise a broken rule header resumes inside its own body, and the
    /// 'route' of 'escalate to route(issue_type)' is taken for a route declaration.
    /// </summary>
    protected override void ConsumeUntil(Parser recognizer, IntervalSet set)
    {
        var stream = (ITokenStream)recognizer.InputStream;
        var depth = 0;
        for (var token = stream.LT(1); token.Type != TokenConstants.EOF; token = stream.LT(1))
        {
            if (depth == 0 && set.Contains(token.Type) && (!GrammarSets.DeclarationStarts.Contains(token.Type) || StartsLine(stream, token)))
            {
                return;
            }

            if (token.Type == EscalationLexer.LBRACE)
            {
                depth++;
            }
            else if (token.Type == EscalationLexer.RBRACE && depth > 0)
            {
                depth--;
            }

            recognizer.Consume();
        }
    }

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        Report(recognizer, recognizer.Context, recognizer.CurrentToken, GetExpectedTokens(recognizer));
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var current = recognizer.CurrentToken;
        var expected = GetExpectedTokens(recognizer);
        if (IsReported(current))
        {
            return;
        }

        // Point just past the previous token: that is where the missing token belongs.
        var previous = ((ITokenStream)recognizer.InputStream).LT(-1);
        var at = previous is null ? Math.Max(0, current.StartIndex) : previous.StopIndex + 1;
        var missing = expected.Count == 1 ? TokenDescriber.DescribeExpected(expected.MinElement) : string.Join(" or ", Describe(expected));
        var brace = expected.Count == 1 && expected.Contains(EscalationLexer.RBRACE) ? UnclosedBrace(recognizer.Context) : null;
        diagnostics.Add(DiagnosticCatalog.MissingTokenFound(new TextSpan(at, 0), missing, TokenDescriber.DescribeFound(current), Line(brace)));
    }

    private bool TryReadKeywordAsItemName(Parser recognizer)
    {
        if (KeywordAsName.ItemNameAt(recognizer, t => source.GetPosition(t.StartIndex).Line) is not { } declared)
        {
            return false;
        }

        var current = recognizer.CurrentToken;
        var hint = KeywordAsName.Hint(declared, (ITokenStream)recognizer.InputStream, valuePosition: false);
        AddReadAsIntended(DiagnosticCatalog.UnexpectedTokenFound(TokenSpan(current), TokenDescriber.DescribeFound(current), [], null, hint));

        // Prediction reads token types: as a name, the keyword is parsed as the field it declares.
        ((IWritableToken)current).Type = EscalationLexer.IDENT;
        return true;
    }

    /// <summary>
    /// Reads the current token as the one the rule expects, when deleting it or inserting the
    /// expected token would leave the input worse off. Reports why and returns the token, or null.
    /// </summary>
    private IToken? TryReadAsIntended(Parser recognizer)
    {
        var atn = recognizer.Atn;
        var state = atn.states[recognizer.State];
        if (state.NumberOfTransitions == 0)
        {
            return null;
        }

        var current = recognizer.CurrentToken;
        var expecting = GetExpectedTokens(recognizer);
        var next = ((ITokenStream)recognizer.InputStream).LA(2);
        var afterMatch = atn.NextTokens(state.Transition(0).target, recognizer.Context);
        if (!afterMatch.Contains(next))
        {
            return null;
        }

        var span = TokenSpan(current);
        if (current.Type == EscalationLexer.IDENT && SuggestKeyword(current, expecting) is { } keyword)
        {
            AddReadAsIntended(DiagnosticCatalog.UnexpectedTokenFound(span, TokenDescriber.DescribeFound(current), [], keyword));
        }
        else if (TokenDescriber.IsKeyword(current.Type) && !expecting.Contains(EscalationLexer.IDENT) && ClosestKeyword(current.Text, expecting) is { } intended)
        {
            // `before escalation when ...`: one keyword for a close other one. Inserting the expected one
            // would end the declaration and read the rest of the line as a new one (`escalation when ...`).
            AddReadAsIntended(DiagnosticCatalog.UnexpectedTokenFound(span, TokenDescriber.DescribeFound(current), [], intended));

            // As that keyword, the token is found where the syntax builder looks for it.
            ((IWritableToken)current).Type = expecting.ToArray().First(t => TokenDescriber.KeywordText(t) == intended);
        }
        else if (TokenDescriber.IsKeyword(current.Type) && expecting.Contains(EscalationLexer.IDENT)
            && !expecting.Contains(next) && !afterMatch.Contains(current.Type))
        {
            var hint = KeywordAsName.Hint(KeywordAsName.DeclaredAt(recognizer.Context), (ITokenStream)recognizer.InputStream, expecting.Contains(EscalationLexer.STRING));
            AddReadAsIntended(DiagnosticCatalog.UnexpectedTokenFound(span, TokenDescriber.DescribeFound(current), [], null, hint));
        }
        else
        {
            return null;
        }

        // Not in recovery mode, so the token joins the tree as an ordinary terminal.
        recognizer.Consume();
        return current;
    }

    private void AddReadAsIntended(Diagnostic diagnostic)
    {
        diagnostics.Add(diagnostic);
        readAsIntended.Add(diagnostic);
    }

    private void Report(Parser recognizer, RuleContext? context, IToken token, IntervalSet? fallback)
    {
        if (IsReported(token))
        {
            return;
        }

        var expectedSet = ExpectedTokens.At(recognizer, context, token) ?? fallback;
        var expected = expectedSet is null ? [] : Describe(expectedSet);
        var closesBlock = expectedSet?.Contains(EscalationLexer.RBRACE) == true;
        if (token.Type == TokenConstants.EOF)
        {
            var open = closesBlock ? UnclosedBrace(context) : null;
            diagnostics.Add(DiagnosticCatalog.UnexpectedEndOfFileFound(new TextSpan(Math.Max(0, token.StartIndex), 0), expected, Line(open)));
            return;
        }

        if (closesBlock && GrammarSets.DeclarationStarts.Contains(token.Type) && UnclosedBrace(context) is { } brace
            && PreviousToken(recognizer, token) is { } last)
        {
            diagnostics.Add(DiagnosticCatalog.MissingTokenFound(new TextSpan(last.StopIndex + 1, 0), "'}'", TokenDescriber.DescribeFound(token), Line(brace)));
            return;
        }

        var before = PreviousToken(recognizer, token);
        var hint = expectedSet switch
        {
            _ when before is { Type: EscalationLexer.DURATION } && SyntaxHints.SplitDuration(before, token) is { } durationHint => durationHint,
            _ when token.Type == EscalationLexer.POLICY && before is not null => SyntaxHints.MisplacedHeader((ITokenStream)recognizer.InputStream, source),
            _ when token.Type == EscalationLexer.COMMA && SyntaxHints.InDeescalateBlock(context, token) =>
                "Inside a `deescalate` block, actions are separated by line breaks or spaces, not commas (a comma continues the list of a `notify`, `page` or `require`). Remove the ','.",
            _ when SyntaxHints.CommaAfterEntry(context, (ITokenStream)recognizer.InputStream, token) is { } entryHint => entryHint,
            _ when SyntaxHints.TwelveHourRange(context, (ITokenStream)recognizer.InputStream, token) is { } clockHint => clockHint,
            null => null,
            _ when SyntaxHints.HoursItem(expectedSet, (ITokenStream)recognizer.InputStream, token, before) is { } hoursHint => hoursHint,
            _ when SyntaxHints.HolidayRange(expectedSet, (ITokenStream)recognizer.InputStream, token, before) is { } holidayHint => holidayHint,
            _ when expectedSet.Contains(EscalationLexer.EQ) && before is not null =>
                TokenDescriber.OperatorHint(token.Text, before.Text, ((ITokenStream)recognizer.InputStream).LT(2)?.Text ?? "value"),
            _ when expectedSet.Contains(EscalationLexer.BUSINESS) && before is { Type: EscalationLexer.INT } =>
                $"A duration needs a unit: write {before.Text}m, {before.Text}h or {before.Text}d, or {before.Text} minutes.",
            _ when token.Type == EscalationLexer.IDENT && expectedSet.Contains(EscalationLexer.STRING) && !expectedSet.Contains(EscalationLexer.IDENT) =>
                $"Expected a \"string\": write it in quotes, \"{token.Text}\".",
            _ when TokenDescriber.IsKeyword(token.Type) && expectedSet.Contains(EscalationLexer.IDENT) && expectedSet.Contains(EscalationLexer.STRING) =>
                $"'{token.Text}' is a keyword, so it cannot be a value here. To use it as a value, write it as a string: \"{token.Text}\".",
            _ => null,
        };
        if (context is EscalationParser.PolicyFileContext && GrammarSets.ItemStarts.Contains(token.Type)
            && before is { Type: EscalationLexer.RBRACE } early)
        {
            hint = $"It belongs inside a block, but the '}}' on line {Line(early)} closes the block before it. Remove that '}}' if the block goes on.";
        }

        diagnostics.Add(DiagnosticCatalog.UnexpectedTokenFound(TokenSpan(token), TokenDescriber.DescribeFound(token), expected, SuggestKeyword(token, expectedSet), hint));
    }

    /// <summary>
    /// Tokens whose problem is already reported: lexer error tokens, and the '}' that
    /// <see cref="BraceRepair"/> inserted (zero width), which the user never wrote.
    /// </summary>
    private static bool IsReported(IToken token) =>
        token.Type is EscalationLexer.ERROR_CHAR or EscalationLexer.UNTERMINATED_STRING
        || token.Type == EscalationLexer.RBRACE && token.StopIndex < token.StartIndex;

    /// <summary>A misspelt keyword arrives as a name; suggest the expected keyword it is closest to.</summary>
    private static string? SuggestKeyword(IToken token, IntervalSet? expected) =>
        token.Type != EscalationLexer.IDENT || expected is null ? null : ClosestKeyword(token.Text, expected);

    /// <summary>The expected keyword closest to <paramref name="text"/>, if one is close.</summary>
    private static string? ClosestKeyword(string text, IntervalSet expected)
    {
        var keywords = expected.ToArray().Select(TokenDescriber.KeywordText).OfType<string>();
        var closest = NameSuggester.Closest(text, keywords, max: 1);
        return closest.Count == 1 ? closest[0] : null;
    }

    /// <summary>The innermost '{' around the context that has no '}' yet.</summary>
    private static IToken? UnclosedBrace(RuleContext? context)
    {
        for (var c = context as ParserRuleContext; c is not null; c = c.Parent as ParserRuleContext)
        {
            var open = c.children?.OfType<ITerminalNode>().FirstOrDefault(t => t.Symbol.Type == EscalationLexer.LBRACE && t.Symbol.TokenIndex >= 0);
            var closed = c.children?.OfType<ITerminalNode>().Any(t => t.Symbol.Type == EscalationLexer.RBRACE && t.Symbol.TokenIndex >= 0) == true;
            if (open is not null && !closed)
            {
                return open.Symbol;
            }
        }

        return null;
    }

    private bool StartsLine(ITokenStream stream, IToken token) =>
        token.TokenIndex == 0
        || source.GetPosition(stream.Get(token.TokenIndex - 1).StartIndex).Line < source.GetPosition(token.StartIndex).Line;

    private static IToken? PreviousToken(Parser recognizer, IToken token)
    {
        var stream = (ITokenStream)recognizer.InputStream;
        return SyntaxHints.PreviousDefault(stream, token.TokenIndex) is var i and >= 0 ? stream.Get(i) : null;
    }

    // From the source's line map, not token.Line: ANTLR does not count a lone '\r' as a line break.
    private int? Line(IToken? token) => token is null ? null : source.GetPosition(token.StartIndex).Line;

    private static TextSpan TokenSpan(IToken token) =>
        new(token.StartIndex, Math.Max(1, token.StopIndex - token.StartIndex + 1));

    /// <summary>
    /// The expected tokens in words. Where a value may stand, the keywords that may be values are
    /// covered by "a name" and are not listed one by one.
    /// </summary>
    private static List<string> Describe(IntervalSet set)
    {
        var valuePosition = set.Contains(EscalationLexer.IDENT) && set.Contains(EscalationLexer.STRING);
        return set.ToArray()
            .Where(t => t is not (EscalationLexer.ERROR_CHAR or EscalationLexer.UNTERMINATED_STRING or TokenConstants.EPSILON))
            .Where(t => !valuePosition || !GrammarSets.ValueKeywords.Contains(t))
            .Select(TokenDescriber.DescribeExpected)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
