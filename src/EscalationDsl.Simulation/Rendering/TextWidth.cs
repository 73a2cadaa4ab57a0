using System.Globalization;
using System.Text;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>
/// How wide a chart's text is drawn, estimated without a browser so a label can be cut to the room it
/// has. The widths err wide: each ASCII character counts as much as its widest form in DejaVu Sans and
/// Liberation Sans (Arial's metrics), the fonts the report's stack falls back to and wider than the
/// system fonts it names (measured in Chromium); any other character counts as a full-width one.
/// </summary>
internal static class TextWidth
{
    private const string Ellipsis = "…";

    /// <summary>
    /// The text, or its longest start that fits <paramref name="room"/> units at <paramref name="fontSize"/>
    /// with "…" after it. Whole characters are kept (an emoji, a letter with its accent), never half.
    /// </summary>
    public static string Fit(string text, double room, double fontSize)
    {
        if (Of(text, fontSize) <= room)
        {
            return text;
        }

        var kept = new StringBuilder();
        var width = Of(Ellipsis, fontSize);
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            width += Of(element, fontSize);
            if (width > room)
            {
                break;
            }

            kept.Append(element);
        }

        return kept.ToString().TrimEnd() + Ellipsis;
    }

    /// <summary>The estimated width of <paramref name="text"/>, in the units of <paramref name="fontSize"/>.</summary>
    public static double Of(string text, double fontSize)
    {
        var ems = 0.0;
        foreach (var c in text)
        {
            ems += Em(c);
        }

        return ems * fontSize;
    }

    private static double Em(char c) => c switch
    {
        ' ' or '\'' or ',' or '.' or ':' or ';' or '|' or 'i' or 'j' or 'l' or 'I' or '/' or '\\' => 0.35,
        '!' or '(' or ')' or '[' or ']' or 'f' or 'r' or 't' or '-' => 0.40,
        '"' or '*' or 'J' or '`' => 0.50,
        '?' or '_' or 'L' or 'c' or 'k' or 's' or 'v' or 'x' or 'y' or 'z' => 0.60,
        (>= '0' and <= '9') or '$' or '{' or '}' or 'a' or 'b' or 'd' or 'e' or 'g' or 'h' or 'n' or 'o' or 'p' or 'q' or 'u' or 'F' or 'T' => 0.65,
        'E' or 'K' or 'P' or 'S' or 'Y' or 'V' or 'X' or 'Z' or 'B' => 0.70,
        'A' or 'C' or 'N' or 'R' or 'U' => 0.75,
        'D' or 'G' or 'O' or 'Q' or 'H' or '&' => 0.80,
        '#' or '+' or '<' or '=' or '>' or '^' or '~' or 'w' => 0.85,
        'M' => 0.90,
        '%' or 'W' or 'm' => 1.00,
        '@' => 1.05,
        < ' ' => 0.35,

        // An emoji or other character beyond the first plane: its pair counts once, wider than a full-width one.
        _ when char.IsLowSurrogate(c) => 0,
        _ when char.IsHighSurrogate(c) => 1.3,

        // Accents drawn on the letter before, joiners and variation selectors take no room of their own.
        _ when CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format => 0,
        _ => 1.1,
    };
}
