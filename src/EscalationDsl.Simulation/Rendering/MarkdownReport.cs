using System.Text;
using System.Text.RegularExpressions;
using EscalationDsl.Language.Text;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The report as GitHub-flavoured Markdown, for a pull request or a wiki page.</summary>
public static class MarkdownReport
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
                        sb.Append(Escape(text.Text.Replace(DocText.NoBreak, ' '))).Append("\n\n");
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

    private static string Escape(string text) => MarkdownText.Escape(text);
}
