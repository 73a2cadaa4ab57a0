using System.Buffers;
using System.Text;
using System.Globalization;
using Antlr4.Runtime;
using EscalationDsl.Language.Parsing.Generated;

namespace EscalationDsl.Language.Parsing;

/// <summary>Words for tokens in syntax error messages.</summary>
internal static class TokenDescriber
{
    private static readonly IVocabulary Vocabulary = EscalationParser.DefaultVocabulary;

    /// <summary>How a found token reads in "Unexpected ..." messages.</summary>
    public static string DescribeFound(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        EscalationLexer.IDENT => $"name '{token.Text}'",
        EscalationLexer.STRING => $"string {Shorten(token.Text)}",
        EscalationLexer.INT => $"number {token.Text}",
        EscalationLexer.DURATION => $"duration {token.Text}",
        EscalationLexer.DATE => $"date {token.Text}",
        EscalationLexer.TIME_OF_DAY => $"time {token.Text}",
        _ when IsKeyword(token.Type) => $"keyword '{token.Text}'",
        _ => $"'{token.Text}'",
    };

    /// <summary>How an expected token type reads in "Expected ..." lists.</summary>
    public static string DescribeExpected(int type) => type switch
    {
        TokenConstants.EOF => "end of file",
        EscalationLexer.IDENT => "a name",
        EscalationLexer.STRING => "a \"string\"",
        EscalationLexer.INT => "a number",
        EscalationLexer.DURATION => "a duration such as 15m",
        EscalationLexer.DATE => "a date such as 2026-12-25",
        EscalationLexer.TIME_OF_DAY => "a time such as 09:00",
        _ => Vocabulary.GetLiteralName(type) ?? Vocabulary.GetDisplayName(type),
    };

    /// <summary>The literal text of a keyword token type, or null when the type is not a keyword.</summary>
    public static string? KeywordText(int type)
    {
        var literal = Vocabulary.GetLiteralName(type);
        return literal is { Length: > 2 } && char.IsLetter(literal[1]) ? literal.Trim('\'') : null;
    }

    /// <summary>True for the keyword token types (their literal is a word).</summary>
    public static bool IsKeyword(int type) => KeywordText(type) is not null;

    /// <summary>Describes a stray character, with its code point when it is invisible.</summary>
    public static string DescribeCharacter(string text)
    {
        if (text.Length == 0)
        {
            return "''";
        }

        if (Rune.DecodeFromUtf16(text, out var rune, out _) != OperationStatus.Done)
        {
            return $"U+{((int)text[0]).ToString("X4", CultureInfo.InvariantCulture)} (a broken surrogate)";
        }

        return Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) || rune.Value == 0xFEFF
            ? $"U+{rune.Value.ToString("X4", CultureInfo.InvariantCulture)}"
            : $"'{rune}'";
    }

    /// <summary>
    /// What a word used as a comparison means in .esc (<c>impact is production</c>), shown with the
    /// field and value around it, or null.
    /// </summary>
    public static string? OperatorHint(string word, string field, string value) => word.ToLowerInvariant() switch
    {
        "is" or "equals" or "eq" => $"Compare with '==', as in `{field} == {value}`.",
        "isnt" or "ne" => $"Compare with '!=', as in `{field} != {value}`.",
        _ => null,
    };

    /// <summary>What a stray character probably stood for, or null when there is no better advice than removing it.</summary>
    public static string? CharacterHint(string text) => text switch
    {
        "=" => "Compare with '==' (or '!=').",
        "!" => "Write `not` to negate a condition, or '!=' to compare.",
        "&" => "Write `and` to combine conditions.",
        "|" => "Write `or` to combine conditions.",
        "'" => "Strings use double quotes, such as \"Network team\".",
        "." => "Ranges use '..' (mon..fri), and dates are written as 2026-12-25.",
        "/" => "Write a time zone as a string, such as \"Europe/Berlin\".",
        _ when text.Length > 0 && text[0] > '\u007f' && char.IsLetter(text, 0) =>
            "Names are made of ASCII letters, digits and '_': spell the name in ASCII and keep the original in its display name, such as `team equipe \"Équipe\"`.",
        _ => null,
    };

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..20] + "...\"";
}
