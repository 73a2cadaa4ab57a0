using Antlr4.Runtime;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// Finds a block whose '}' is missing before the parser runs, and puts the '}' back where the
/// next declaration starts.
/// </summary>
/// <remarks>
/// Left alone, the parser reads the declarations after an unclosed block as part of it: after
/// <c>fields {</c> without '}', the line <c>severity sev1 "Critical" {</c> is a field named
/// 'severity', and the errors that follow are about everything but the brace. Declarations start
/// at column 1 by convention, so a declaration keyword at column 1 inside an open block marks
/// where the block should have ended. Only files with more '{' than '}' are repaired, and no more
/// braces are inserted than are missing, so a valid file is never changed.
/// </remarks>
internal static class BraceRepair
{
    /// <summary>The tokens with each missing '}' inserted (zero width), reporting ESC1004 for each.</summary>
    public static IList<IToken> Repair(IList<IToken> tokens, SourceText source, List<Diagnostic> diagnostics)
    {
        var missing = UnclosedCount(tokens);
        if (missing == 0)
        {
            return tokens;
        }

        var repaired = new List<IToken>(tokens.Count + missing);
        var open = new Stack<IToken>();
        IToken? previous = null;
        foreach (var token in tokens)
        {
            if (token.Channel != TokenConstants.DefaultChannel)
            {
                repaired.Add(token);
                continue;
            }

            switch (token.Type)
            {
                case EscalationLexer.LBRACE:
                    open.Push(token);
                    break;
                case EscalationLexer.RBRACE when open.Count > 0:
                    open.Pop();
                    break;
                case var type when missing > 0 && open.Count > 0 && previous is not null
                    && GrammarSets.DeclarationStarts.Contains(type) && StartsAtColumnOne(token, source):
                    var brace = open.Pop();
                    missing--;
                    var at = previous.StopIndex + 1;
                    repaired.Add(ClosingBrace(previous, at));
                    diagnostics.Add(DiagnosticCatalog.MissingTokenFound(
                        new TextSpan(at, 0), "'}'", TokenDescriber.DescribeFound(token), source.GetPosition(brace.StartIndex).Line));
                    break;
            }

            repaired.Add(token);
            previous = token;
        }

        return repaired;
    }

    private static int UnclosedCount(IList<IToken> tokens)
    {
        var depth = 0;
        foreach (var token in tokens)
        {
            if (token.Type == EscalationLexer.LBRACE)
            {
                depth++;
            }
            else if (token.Type == EscalationLexer.RBRACE && depth > 0)
            {
                depth--;
            }
        }

        return depth;
    }

    private static bool StartsAtColumnOne(IToken token, SourceText source) =>
        token.StartIndex >= 0 && source.GetPosition(token.StartIndex).Column == 1;

    // Zero width at the end of the block's last token, so spans stay inside what the user wrote.
    // It carries that token's source: ANTLR reads it when it conjures a missing token next to it.
    private static CommonToken ClosingBrace(IToken after, int at) =>
        new(Tuple.Create(after.TokenSource, after.InputStream), EscalationLexer.RBRACE, TokenConstants.DefaultChannel, at, at - 1)
        {
            Text = "}",
            Line = after.Line,
            Column = after.Column + Math.Max(0, after.StopIndex - after.StartIndex + 1),
        };
}
