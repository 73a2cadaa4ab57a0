using System.Text;
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
        return System.Text.RegularExpressions.Regex.Replace(sb.ToString(), "\n{3,}", "\n\n").TrimEnd('\n') + "\n";
    }

    private static void AppendTable(StringBuilder sb, DocTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append("(none)\n\n");
            return;
        }

        sb.Append("| ").Append(string.Join(" | ", table.Headers.Select(Cell))).Append(" |\n");
        sb.Append('|').Append(string.Join('|', table.Numeric.Select(n => n ? " ---: " : " --- "))).Append("|\n");
        foreach (var row in table.Rows)
        {
            sb.Append("| ").Append(string.Join(" | ", row.Select(Cell))).Append(" |\n");
        }

        sb.Append('\n');
    }

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Keeps source values such as <c>*</c> or <c>&lt;x&gt;</c> from turning into markup (intraword underscores are safe in GFM).</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
