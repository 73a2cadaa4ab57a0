using System.Text;
using System.Text.RegularExpressions;

namespace EscalationDsl.Language.Text;

/// <summary>Text from a policy or from tickets written into GitHub-flavoured Markdown so that it shows as written.</summary>
public static partial class MarkdownText
{
    /// <summary>
    /// Shows a value as written, wherever it appears: the punctuation GitHub-flavoured Markdown reads as
    /// inline markup (emphasis, code spans, links, strikethrough, math, table cells, HTML, entities, and
    /// the <c>://</c>, <c>www.</c> and <c>@</c> that start automatic links and mentions) is
    /// backslash-escaped, and a line break, which would end a paragraph or a table row, becomes
    /// <c>&lt;br&gt;</c>. An underscore between two letters or digits (<c>first_update</c>) cannot
    /// start or end emphasis, so it stays as it is.
    /// </summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' or '*' or '`' or '[' or ']' or '|' or '~' or '$' or '@':
                case ':' when text.AsSpan(i + 1).StartsWith("//"):
                case '.' when i >= 3 && text.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase) && (i == 3 || !char.IsLetterOrDigit(text[i - 4])):
                case '_' when !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])):
                case '&' when EntityLike().IsMatch(text.AsSpan(i)):
                    sb.Append('\\').Append(c);
                    break;
                case '<':
                    sb.Append("&lt;");
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    sb.Append("<br>");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>An <c>&amp;</c> that Markdown would decode: <c>&amp;amp;</c>, <c>&amp;#35;</c>, <c>&amp;#x23;</c>.</summary>
    [GeneratedRegex(@"^&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")]
    private static partial Regex EntityLike();
}
