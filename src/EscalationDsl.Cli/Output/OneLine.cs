using System.Globalization;
using System.Text;

namespace EscalationDsl.Cli.Output;

/// <summary>Text from input files shown in line-based output: control characters written as escapes, so an item stays on its line.</summary>
internal static class OneLine
{
    /// <summary>The text with line breaks and tabs as <c>\n</c>, <c>\r</c>, <c>\t</c> and other control characters as <c>\u00XX</c>.</summary>
    public static string Of(string text)
    {
        if (!text.Any(char.IsControl))
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
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }
}
