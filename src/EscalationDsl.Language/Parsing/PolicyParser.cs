using System.Collections.Immutable;
using Antlr4.Runtime;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using static EscalationDsl.Language.Parsing.Generated.EscalationParser;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// Reads .esc text into syntax records. Never throws on bad input: every problem becomes a diagnostic.
/// </summary>
public static class PolicyParser
{
    /// <summary>Parses one file.</summary>
    public static ParseResult Parse(SourceText source)
    {
        var diagnostics = new List<Diagnostic>();
        if (source.InvalidUtf8 is { } invalid)
        {
            // Read as text, the bytes would be an error per replaced character, or pass silently
            // inside strings and comments: the file gets this one error until it is saved as UTF-8.
            var notText = DiagnosticCatalog.NotUtf8Found(new TextSpan(invalid.Offset, Math.Min(1, source.Text.Length - invalid.Offset)), invalid.Byte);
            return new ParseResult(source, new PolicyFileSyntax(null, [], [], new TextSpan(0, source.Text.Length)), [notText]);
        }


        // AntlrInputStream indexes UTF-16 code units, so token offsets are string offsets (see LinePosition).
        var lexer = new EscalationLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        var lexed = new CommonTokenStream(lexer);
        lexed.Fill();
        ReportErrorTokens(lexed, diagnostics);

        var repaired = BraceRepair.Repair(lexed.GetTokens(), source, diagnostics);
        var tokens = ReferenceEquals(repaired, lexed.GetTokens()) ? lexed : new CommonTokenStream(new ListTokenSource(repaired));
        tokens.Fill();

        var parser = new DepthGuardedParser(tokens);
        parser.RemoveErrorListeners();
        var strategy = new SyntaxErrorStrategy(diagnostics, source);
        parser.ErrorHandler = strategy;
        PolicyFileContext tree;
        try
        {
            tree = parser.policyFile();
        }
        catch (ConditionTooDeepException e)
        {
            // The partial tree has contexts without an end, so nothing of it is built: the file
            // gets this one error (and the lexer's), which the binder's header checks respect.
            var start = e.ConditionStart;
            diagnostics.Add(DiagnosticCatalog.ConditionTooDeepFound(new TextSpan(start.StartIndex, start.StopIndex - start.StartIndex + 1), ConditionDepth.Limit));
            var empty = new PolicyFileSyntax(null, [], [], new TextSpan(0, source.Text.Length));
            return new ParseResult(source, empty, diagnostics.Distinct().OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal).ToImmutableArray());
        }

        var comments = tokens.GetTokens()
            .Where(t => t.Type == EscalationLexer.COMMENT)
            .Select(t => new CommentSyntax(t.Text, new TextSpan(t.StartIndex, t.StopIndex - t.StartIndex + 1)))
            .ToImmutableArray();

        var builder = new SyntaxBuilder(diagnostics);
        var syntax = builder.BuildFile(tree, comments, source.Text.Length);

        var ordered = diagnostics
            .Distinct()
            .OrderBy(d => d.Span.Start)
            .ThenBy(d => d.Code, StringComparer.Ordinal);
        return new ParseResult(source, syntax, WithoutCascades(ordered, tokens.GetTokens(), strategy.ReadAsIntended).ToImmutableArray());
    }

    /// <summary>
    /// Drops a syntax error that comes within <see cref="CascadeDistance"/> tokens of the previous
    /// one. After a mistake the parser resynchronises on a guess, and what it trips over next is
    /// most likely the same mistake (yacc's three-token rule): '25.12.2026' is one wrong date, not a
    /// number and two stray dots. Invalid escapes sit inside one string token and are all kept. A
    /// token the parser read as intended leaves it in step with the text, so its report is no
    /// cause of what comes next: `within text` and `page flag` on the next line are two mistakes.
    /// </summary>
    private static IEnumerable<Diagnostic> WithoutCascades(IEnumerable<Diagnostic> ordered, IList<IToken> tokens, IReadOnlySet<Diagnostic> inStep)
    {
        var starts = tokens
            .Where(t => t.Channel == TokenConstants.DefaultChannel && t.Type != TokenConstants.EOF)
            .Select(t => t.StartIndex)
            .ToArray();
        int? previous = null;
        foreach (var diagnostic in ordered)
        {
            if (diagnostic.Code == DiagnosticCatalog.InvalidEscape.Code)
            {
                yield return diagnostic;
                continue;
            }

            // The token the diagnostic starts in (or, for a missing token, the one it follows).
            var index = Array.BinarySearch(starts, diagnostic.Span.Start);
            index = index >= 0 ? index : ~index - 1;
            if (previous is { } last && index - last <= CascadeDistance)
            {
                continue;
            }

            if (!inStep.Contains(diagnostic))
            {
                previous = index;
            }

            yield return diagnostic;
        }
    }

    private const int CascadeDistance = 3;

    /// <summary>Whether the error tokens from <paramref name="index"/> on spell <paramref name="text"/> again, starting at <paramref name="offset"/>.</summary>
    private static bool SameCharacterAt(IList<IToken> all, int index, int offset, string text)
    {
        if (index + text.Length > all.Count)
        {
            return false;
        }

        for (var k = 0; k < text.Length; k++)
        {
            var token = all[index + k];
            if (token.Type != EscalationLexer.ERROR_CHAR || token.StartIndex != offset + k || token.Text[0] != text[k])
            {
                return false;
            }
        }

        return true;
    }

    private static void ReportErrorTokens(CommonTokenStream tokens, List<Diagnostic> diagnostics)
    {
        var all = tokens.GetTokens();
        for (var i = 0; i < all.Count; i++)
        {
            var token = all[i];
            var span = new TextSpan(token.StartIndex, token.StopIndex - token.StartIndex + 1);
            switch (token.Type)
            {
                case EscalationLexer.UNTERMINATED_STRING:
                    diagnostics.Add(DiagnosticCatalog.UnterminatedStringFound(span));
                    break;
                case EscalationLexer.ERROR_CHAR:
                    var text = token.Text;

                    // The lexer reads UTF-16 units, so a character outside the BMP arrives as two tokens.
                    if (char.IsHighSurrogate(text[0]) && i + 1 < all.Count && all[i + 1].Type == EscalationLexer.ERROR_CHAR
                        && all[i + 1].StartIndex == token.StopIndex + 1 && char.IsLowSurrogate(all[i + 1].Text[0]))
                    {
                        text += all[i + 1].Text;
                        span = new TextSpan(span.Start, 2);
                        i++;
                    }

                    // A run of the same character is one mistake, reported once over the whole run
                    // (a pasted binary or a line of 200,000 '@' would otherwise be as many errors).
                    while (SameCharacterAt(all, i + 1, span.End, text))
                    {
                        span = new TextSpan(span.Start, span.Length + text.Length);
                        i += text.Length;
                    }

                    // `acme => amer`: the arrow of a route or `calendar by` entry, written as in other languages.
                    var arrow = text == "=" && i + 1 < all.Count && all[i + 1].Type == EscalationLexer.GT && all[i + 1].StartIndex == span.End;
                    diagnostics.Add(DiagnosticCatalog.UnexpectedCharacterFound(span, TokenDescriber.DescribeCharacter(text),
                        arrow ? "An entry of a route or a `calendar by` block maps its values with '->', as in `network_outage -> network`." : TokenDescriber.CharacterHint(text)));
                    break;
            }
        }
    }
}
