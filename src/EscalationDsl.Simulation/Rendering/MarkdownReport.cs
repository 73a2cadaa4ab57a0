using System.Text;
using System.Text.RegularExpressions;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The report as GitHub-flavoured Markdown, for a pull request or a wiki page.</summary>
public static partial class MarkdownReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(SimulationReport report)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var section in ReportDocument.Build(report))
        {
            sb.Append(first ? "# " : "\n## ").Append(Escape(section.Title)).Append("\n\n");
            first = false;
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case DocText { Text.Length: > 0 } text:
                        sb.Append(Escape(text.Text)).Append("\n\n");
                        break;
                    case DocList list:
                        foreach (var item in list.Items)
                        {
                            sb.Append("- ").Append(Escape(item)).Append('\n');
                        }

                        sb.Append('\n');
                        break;
                    case DocHeading heading:
                        sb.Append("### ").Append(Escape(heading.Text)).Append("\n\n");
                        break;
                    case DocTable table:
                        AppendTable(sb, table);
                        break;
                }
            }
        }

        // Blocks end with a blank line; a section title adds its own, so collapse the doubles.
        return Regex.Replace(sb.ToString(), "\n{3,}", "\n\n").TrimEnd('\n') + "\n";
    }

    private static void AppendTable(StringBuilder sb, DocTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append("(none)\n\n");
            return;
        }

        sb.Append("| ").Append(string.Join(" | ", table.Headers.Select(Escape))).Append(" |\n");
        sb.Append('|').Append(string.Join('|', table.Numeric.Select(n => n ? " ---: " : " --- "))).Append("|\n");
        foreach (var row in table.Rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
        }

        sb.Append('\n');
    }

    /// <summary>
    /// Shows a value as written, wherever it appears: the punctuation GitHub-flavoured Markdown reads as
    /// inline markup (emphasis, code spans, links, strikethrough, math, table cells, HTML, entities, and
    /// the <c>://</c>, <c>www.</c> and <c>@</c> that start automatic links and mentions) is
    /// backslash-escaped, and a line break, which would end a paragraph or a table row, becomes
    /// <c>&lt;br&gt;</c>. An underscore between two letters or digits (<c>first_update</c>) cannot
    /// start or end emphasis, so it stays as it is.
    /// </summary>
    private static string Escape(string text)
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
