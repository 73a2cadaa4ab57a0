using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// ANTLR's default recovery, but every report becomes a structured diagnostic instead of a
/// message string for listeners. Error tokens from the lexer are already reported, so errors
/// they cause in the parser are not reported twice.
/// </summary>
internal sealed class SyntaxErrorStrategy(List<Diagnostic> diagnostics) : DefaultErrorStrategy
{
    public override void ReportError(Parser recognizer, RecognitionException e)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var expected = e is NoViableAltException ? recognizer.GetExpectedTokens() : e.GetExpectedTokens() ?? recognizer.GetExpectedTokens();
        Report(e.OffendingToken ?? recognizer.CurrentToken, expected);
    }

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        Report(recognizer.CurrentToken, GetExpectedTokens(recognizer));
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
        if (IsLexerErrorToken(current))
        {
            return;
        }

        // Point just past the previous token: that is where the missing token belongs.
        var previous = ((ITokenStream)recognizer.InputStream).LT(-1);
        var at = previous is null ? Math.Max(0, current.StartIndex) : previous.StopIndex + 1;
        var missing = expected.Count == 1 ? TokenDescriber.DescribeExpected(expected.MinElement) : string.Join(" or ", Describe(expected));
        diagnostics.Add(DiagnosticCatalog.MissingTokenFound(new TextSpan(at, 0), missing, TokenDescriber.DescribeFound(current)));
    }

    private void Report(IToken token, IntervalSet? expectedSet)
    {
        if (IsLexerErrorToken(token))
        {
            return;
        }

        var expected = expectedSet is null ? [] : Describe(expectedSet);
        if (token.Type == TokenConstants.EOF)
        {
            diagnostics.Add(DiagnosticCatalog.UnexpectedEndOfFileFound(new TextSpan(Math.Max(0, token.StartIndex), 0), expected));
            return;
        }

        var span = new TextSpan(token.StartIndex, Math.Max(1, token.StopIndex - token.StartIndex + 1));
        diagnostics.Add(DiagnosticCatalog.UnexpectedTokenFound(span, TokenDescriber.DescribeFound(token), expected, SuggestKeyword(token, expectedSet)));
    }

    private static bool IsLexerErrorToken(IToken token) =>
        token.Type is EscalationLexer.ERROR_CHAR or EscalationLexer.UNTERMINATED_STRING;

    /// <summary>A misspelt keyword arrives as a name; suggest the expected keyword it is closest to.</summary>
    private static string? SuggestKeyword(IToken token, IntervalSet? expected)
    {
        if (token.Type != EscalationLexer.IDENT || expected is null)
        {
            return null;
        }

        var keywords = expected.ToArray().Select(TokenDescriber.KeywordText).OfType<string>();
        var closest = NameSuggester.Closest(token.Text, keywords, max: 1);
        return closest.Count == 1 ? closest[0] : null;
    }

    private static List<string> Describe(IntervalSet set) =>
        set.ToArray()
            .Where(t => t is not (EscalationLexer.ERROR_CHAR or EscalationLexer.UNTERMINATED_STRING))
            .Select(TokenDescriber.DescribeExpected)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
