using System.Net;
using System.Text;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>
/// The report as one self-contained HTML page: inline CSS and inline SVG charts, no script and no
/// external resource, so it opens offline, mails as an attachment and prints.
/// </summary>
public static class HtmlReport
{
    private const string Css = """
        :root { color-scheme: light; --ink: #1d2433; --muted: #5b6577; --line: #d9dee7; --band: #f4f6fa; --accent: #2f5fb3; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 24px; margin: 0 0 8px; }
        h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
        h3 { font-size: 15px; margin: 20px 0 6px; color: var(--ink); }
        p { margin: 6px 0; color: var(--muted); max-width: 900px; }
        ul { margin: 6px 0 6px 20px; padding: 0; color: var(--muted); }
        table { border-collapse: collapse; margin: 8px 0 12px; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; white-space: nowrap; }
        td:last-child { white-space: normal; }
        th { background: var(--band); font-weight: 600; white-space: normal; vertical-align: bottom; }
        td.n, th.n { text-align: right; }
        td.n { white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fafbfd; }
        .wrap { overflow-x: auto; max-width: 100%; }
        .chart { margin: 12px 0 18px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; }
        svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; fill: var(--ink); }
        svg .title { font-size: 14px; font-weight: 600; }
        svg .axis { fill: var(--muted); font-size: 11px; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .baseline { stroke: var(--muted); stroke-width: 1; }
        nav { font-size: 13px; color: var(--muted); margin: 0 0 12px; }
        nav a { color: var(--accent); text-decoration: none; margin-right: 12px; }
        footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
        @media print {
          @page { margin: 12mm; }
          body { font-size: 11px; }
          main { max-width: none; padding: 0; }
          h2 { margin-top: 24px; }
          .wrap { overflow: visible; }
          table { font-size: 10px; }
          th, td { padding: 2px 5px; white-space: normal; }
          td.n { white-space: nowrap; }
          td.brk { overflow-wrap: anywhere; }
          tr, .chart { break-inside: avoid; }
        }
        """;

    /// <summary>Renders the report.</summary>
    public static string Render(SimulationReport report)
    {
        var sections = ReportDocument.Build(report);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<title>").Append(E(sections[0].Title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n");
        var first = true;
        foreach (var section in sections)
        {
            sb.Append("<section id=\"").Append(section.Id).Append("\">\n");
            sb.Append(first ? "<h1>" : "<h2>").Append(E(section.Title)).Append(first ? "</h1>\n" : "</h2>\n");
            if (first)
            {
                sb.Append("<nav>");
                foreach (var other in sections.Skip(1))
                {
                    sb.Append("<a href=\"#").Append(other.Id).Append("\">").Append(E(other.Title)).Append("</a>");
                }

                sb.Append("</nav>\n");
            }

            first = false;
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case DocText { Text.Length: > 0 } text:
                        sb.Append("<p>").Append(E(text.Text)).Append("</p>\n");
                        break;
                    case DocList list:
                        sb.Append("<ul>").Append(string.Concat(list.Items.Select(i => "<li>" + E(i) + "</li>"))).Append("</ul>\n");
                        break;
                    case DocHeading heading:
                        sb.Append("<h3>").Append(E(heading.Text)).Append("</h3>\n");
                        break;
                    case DocTable table:
                        AppendTable(sb, table);
                        break;
                    case DocChart chart:
                        sb.Append("<div class=\"chart\">").Append(Chart(chart.Id, report)).Append("</div>\n");
                        break;
                }
            }

            sb.Append("</section>\n");
        }

        sb.Append("<footer>Generated by esc sim from policy ").Append(E(report.Policy.Name)).Append(" version ")
            .Append(report.Policy.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(" (").Append(E(report.Policy.Fingerprint))
            .Append("). Durations are medians and 90th percentiles by nearest rank.</footer>\n</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Chart(string id, SimulationReport r)
    {
        var weeks = r.Weeks;
        var labels = weeks.Select(w => Formats.Date(w.Week)).ToList();
        static double? Value(long? seconds) => seconds is { } s ? s : null;
        switch (id)
        {
            case "weekly-response":
                return SvgChart.DurationLines("Time to first response, by week of creation", labels,
                [
                    new LineSeries("median", "#2f5fb3", [.. weeks.Select(w => Value(w.FirstResponse.Median))], Counts: [.. weeks.Select(w => w.FirstResponse.Count)]),
                    new LineSeries("90th percentile", "#8fb0e8", [.. weeks.Select(w => Value(w.FirstResponse.P90))], Dashed: true, Counts: [.. weeks.Select(w => w.FirstResponse.Count)]),
                ]);
            case "weekly-assignment":
                return SvgChart.DurationLines("Time to first engineering assignment, by week of creation", labels,
                [
                    new LineSeries("median, with policy", "#1f8a5b", [.. weeks.Select(w => Value(w.EngineeringWithPolicy.Median))], Counts: [.. weeks.Select(w => w.EngineeringWithPolicy.Count)]),
                    new LineSeries("90th percentile, with policy", "#8fd1b0", [.. weeks.Select(w => Value(w.EngineeringWithPolicy.P90))], Dashed: true, Counts: [.. weeks.Select(w => w.EngineeringWithPolicy.Count)]),
                    new LineSeries("median, recorded", "#9aa3b2", [.. weeks.Select(w => Value(w.EngineeringRecorded.Median))], Dashed: true, Counts: [.. weeks.Select(w => w.EngineeringRecorded.Count)]),
                ]);
            case "escalation-rate":
                var byCategory = r.Escalations.ByCategory.Count > 0;
                var groups = (byCategory ? r.Escalations.ByCategory : r.Escalations.ByIssueType).Take(15).ToList();
                // Under --top the categories are cut already, maybe to fewer than 15.
                var largest = r.Top is null ? 15 : groups.Count;
                return SvgChart.ShareBars(
                    $"Escalation rate by {(byCategory ? $"source category (the {largest} largest)" : "issue type")}",
                    [.. groups.Select(g => (g.Key, g.EscalationRate, $"{Formats.Percent(g.EscalatedTickets, g.Tickets)} ({Formats.Count(g.EscalatedTickets)} of {Formats.Count(g.Tickets)})"))],
                    "#c2571a");
            case "weekly-load":
                return SvgChart.Columns("Peak open tickets, by week", labels, [.. weeks.Select(w => w.PeakOpen)], "#6b4fb3");
            default:
                return string.Empty;
        }
    }

    private static void AppendTable(StringBuilder sb, DocTable table)
    {
        if (table.Rows.Count == 0)
        {
            sb.Append("<p>(none)</p>\n");
            return;
        }

        sb.Append("<div class=\"wrap\"><table>\n<thead><tr>");
        for (var i = 0; i < table.Headers.Count; i++)
        {
            sb.Append(table.Numeric[i] ? "<th class=\"n\">" : "<th>").Append(E(table.Headers[i])).Append("</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                sb.Append(table.Numeric[i] ? "<td class=\"n\">" : LongWord(row[i]) ? "<td class=\"brk\">" : "<td>").Append(E(row[i])).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table></div>\n");
    }

    /// <summary>
    /// A value with a word too long to fit a printed column (an issue type typed without spaces): its cell
    /// may break inside words, which every other cell must not (an id such as INC0007891 would split).
    /// </summary>
    private static bool LongWord(string text) => text.Split(' ', '\t', '\n', '\r').Any(w => w.Length > 30);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
