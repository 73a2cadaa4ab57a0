using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>ESC1001: the parser found a token it cannot use here.</summary>
    public static readonly DiagnosticDescriptor UnexpectedToken = new("ESC1001", "Unexpected input", DiagnosticLevel.Error);

    /// <summary>ESC1002: a string literal has no closing quote on its line.</summary>
    public static readonly DiagnosticDescriptor UnterminatedString = new("ESC1002", "Unterminated string", DiagnosticLevel.Error);

    /// <summary>ESC1003: a character that is not part of the language.</summary>
    public static readonly DiagnosticDescriptor UnexpectedCharacter = new("ESC1003", "Unexpected character", DiagnosticLevel.Error);

    /// <summary>ESC1004: a required token (often a closing brace) is missing.</summary>
    public static readonly DiagnosticDescriptor MissingToken = new("ESC1004", "Missing token", DiagnosticLevel.Error);

    /// <summary>ESC1005: a string literal uses an escape sequence the language does not define.</summary>
    public static readonly DiagnosticDescriptor InvalidEscape = new("ESC1005", "Invalid escape sequence", DiagnosticLevel.Error);

    /// <summary>ESC1006: the input ended inside a declaration.</summary>
    public static readonly DiagnosticDescriptor UnexpectedEndOfFile = new("ESC1006", "Unexpected end of file", DiagnosticLevel.Error);

    /// <summary>ESC1007: a condition nests deeper than the parser follows.</summary>
    public static readonly DiagnosticDescriptor ConditionTooDeep = new("ESC1007", "Condition nested too deeply", DiagnosticLevel.Error);

    /// <summary>ESC1008: the file's bytes are not UTF-8 text.</summary>
    public static readonly DiagnosticDescriptor NotUtf8 = new("ESC1008", "File is not UTF-8 text", DiagnosticLevel.Error);

    /// <summary>Creates ESC1001.</summary>
    /// <param name="span">The unexpected token.</param>
    /// <param name="found">How the token reads, such as "name 'escalaton'".</param>
    /// <param name="expected">What could appear here; listed when short enough to help.</param>
    /// <param name="keywordSuggestion">The keyword a misspelt name is closest to.</param>
    /// <param name="hint">A sentence that explains the mistake better than the expected list.</param>
    public static Diagnostic UnexpectedTokenFound(TextSpan span, string found, IReadOnlyList<string> expected, string? keywordSuggestion, string? hint = null)
    {
        var tail = hint is not null
            ? $" {hint}"
            : keywordSuggestion is not null
                ? $" Did you mean the keyword '{keywordSuggestion}'?"
                : expected.Count is > 0 and <= 12
                    ? $" Expected {string.Join(", ", expected)}."
                    : string.Empty;
        return Create(UnexpectedToken, span, $"Unexpected {found}.{tail}");
    }

    /// <summary>Creates ESC1002.</summary>
    public static Diagnostic UnterminatedStringFound(TextSpan span) =>
        Create(UnterminatedString, span, "This string has no closing '\"' on its line. Close it with '\"'; strings cannot span lines.");

    /// <summary>Creates ESC1003.</summary>
    /// <param name="span">The character.</param>
    /// <param name="character">The character as shown, such as '$' or U+0000.</param>
    /// <param name="hint">What the character probably meant, when that is known.</param>
    public static Diagnostic UnexpectedCharacterFound(TextSpan span, string character, string? hint = null) =>
        Create(UnexpectedCharacter, span, $"The character {character} is not part of the .esc language. {hint ?? "Remove it, or put text inside a \"string\" or after '#' as a comment."}");

    /// <summary>Creates ESC1004.</summary>
    /// <param name="span">Where the token belongs: just past the previous token.</param>
    /// <param name="missing">The missing token, such as "':'".</param>
    /// <param name="before">The token found instead.</param>
    /// <param name="unclosedLine">For a missing '}', the line of the '{' it closes.</param>
    public static Diagnostic MissingTokenFound(TextSpan span, string missing, string before, int? unclosedLine = null) =>
        Create(MissingToken, span, unclosedLine is { } line
            ? $"Missing {missing} to close the '{{' on line {line}, before {before}. Add {missing} here."
            : $"Missing {missing} before {before}. Add {missing} here.");

    /// <summary>Creates ESC1005.</summary>
    public static Diagnostic InvalidEscapeFound(TextSpan span, string escape) =>
        Create(InvalidEscape, span, $"The escape sequence '{escape}' is not defined. Use \\\" for a quote, \\\\ for a backslash, \\n or \\t.");

    /// <summary>Creates ESC1006.</summary>
    /// <param name="span">The end of the file.</param>
    /// <param name="expected">What could have come next.</param>
    /// <param name="unclosedLine">The line of the innermost '{' still open, if any.</param>
    public static Diagnostic UnexpectedEndOfFileFound(TextSpan span, IReadOnlyList<string> expected, int? unclosedLine = null) =>
        Create(UnexpectedEndOfFile, span, unclosedLine is { } line
            ? $"The file ends before the '{{' on line {line} is closed. Add '}}' to close it."
            : expected.Count is > 0 and <= 12
                ? $"The file ends inside a declaration. Expected {string.Join(", ", expected)}."
                : "The file ends inside a declaration. Close every '{' with '}'.");

    /// <summary>Creates ESC1007.</summary>
    /// <param name="span">The first token of the condition.</param>
    /// <param name="limit">The most levels a condition may have.</param>
    public static Diagnostic ConditionTooDeepFound(TextSpan span, int limit) =>
        Create(ConditionTooDeep, span, $"This condition nests more than {limit} levels deep (each 'and', 'or', 'not' and pair of parentheses adds one). "
            + "Write it with fewer levels: comparisons of one field joined by 'or' are 'FIELD in [...]', and 'not not' cancels out.");

    /// <summary>Creates ESC1008.</summary>
    /// <param name="span">The character that replaced the first byte that is not UTF-8.</param>
    /// <param name="invalid">That byte.</param>
    public static Diagnostic NotUtf8Found(TextSpan span, byte invalid) =>
        Create(NotUtf8, span, invalid == 0
            ? "The file holds a NUL byte (0x00) here, so it is not UTF-8 text: it is a binary file, or UTF-16 without a byte order mark. Save the policy as UTF-8."
            : $"The byte 0x{invalid:X2} here is not UTF-8, so the file is not UTF-8 text: it was saved in another encoding, such as Windows-1252, or is not text at all. Save the policy as UTF-8; strings and comments may hold any Unicode text.");
}
