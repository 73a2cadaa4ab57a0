using System.Globalization;
using System.Text;

namespace EscalationDsl.Language.Text;

/// <summary>Text from input files shown in line-based output: control characters written as escapes, so an item stays on its line.</summary>
public static class OneLine
{
    /// <summary>
    /// The text with line breaks and tabs as <c>\n</c>, <c>\r</c>, <c>\t</c>, and other control characters and
    /// the Unicode line and paragraph separators as <c>\uXXXX</c>. A backslash stays as it is: the timeline
    /// also holds policy text, whose strings are already written as .esc writes them (<c>"a\nb"</c>).
    /// </summary>
    public static string Of(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when NeedsEscape(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
