using System.Text;
using EscalationDsl.Language.Diagnostics;
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
                        sb.Append(Wrap(Shown(text.Text), 100).Replace(DocText.NoBreak, ' ')).Append('\n');
                        break;
                    case DocList list:
                        foreach (var item in list.Items)
                        {
                            sb.Append(Wrap("- " + Shown(item), 100, "  ")).Append('\n');
                        }

                        break;
                    case DocHeading heading:
                        sb.Append('\n').Append(Shown(heading.Text)).Append('\n');
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

        var rows = table.Rows.Select(r => r.Select(Shown).ToList()).ToList();
        var widths = table.Headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
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
        foreach (var row in rows)
        {
            Line(row);
        }
    }

    /// <summary>
    /// Data from the tickets (an owner, a queue, a category with a line break or a tab) as one line of
    /// the width it takes: control characters as their Control Pictures (␊), as esc shows source lines;
    /// a line break in a cell split its table row.
    /// </summary>
    private static string Shown(string text) => DiagnosticFormatter.Printable(text);

    private static string Wrap(string text, int width, string indent = "")
    {
        var sb = new StringBuilder();
        var line = 0;
        // Words are split at plain spaces only: a DocText.NoBreak keeps a label with its number.
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
