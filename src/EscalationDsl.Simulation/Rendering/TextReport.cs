using System.Text;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The report as plain text for a terminal: underlined section titles and aligned columns.</summary>
public static class TextReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(SimulationReport report)
    {
        var sb = new StringBuilder();
        foreach (var section in ReportDocument.Build(report))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(section.Title).Append('\n').Append(new string('=', section.Title.Length)).Append('\n');
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case DocText { Text.Length: > 0 } text:
                        sb.Append(Wrap(text.Text, 100)).Append('\n');
                        break;
                    case DocList list:
                        foreach (var item in list.Items)
                        {
                            sb.Append(Wrap("- " + item, 100, "  ")).Append('\n');
                        }

                        break;
                    case DocHeading heading:
                        sb.Append('\n').Append(heading.Text).Append('\n');
                        break;
                    case DocTable table:
                        AppendTable(sb, table);
                        break;
                }
            }
        }

        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, DocTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append("  (none)\n");
            return;
        }

        var widths = table.Headers.Select((h, i) => Math.Max(h.Length, table.Rows.Max(r => r[i].Length))).ToArray();
        void Line(IReadOnlyList<string> cells)
        {
            sb.Append(' ');
            for (var i = 0; i < cells.Count; i++)
            {
                sb.Append(' ');
                sb.Append(table.Numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
                if (i < cells.Count - 1)
                {
                    sb.Append(' ');
                }
            }

            // Trailing spaces of a left-aligned last column are noise.
            while (sb[^1] == ' ')
            {
                sb.Length--;
            }

            sb.Append('\n');
        }

        Line(table.Headers);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in table.Rows)
        {
            Line(row);
        }
    }

    private static string Wrap(string text, int width, string indent = "")
    {
        var sb = new StringBuilder();
        var line = 0;
        foreach (var word in text.Split(' '))
        {
            if (line > 0 && line + 1 + word.Length > width)
            {
                sb.Append('\n').Append(indent);
                line = indent.Length;
            }
            else if (line > 0)
            {
                sb.Append(' ');
                line++;
            }

            sb.Append(word);
            line += word.Length;
        }

        return sb.ToString();
    }
}
