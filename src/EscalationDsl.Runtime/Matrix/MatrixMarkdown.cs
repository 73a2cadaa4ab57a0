using System.Text;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Graphs;

namespace EscalationDsl.Runtime.Matrix;

/// <summary>Renders the quick reference as one Markdown page (tables and a Mermaid flowchart).</summary>
public static class MatrixMarkdown
{
    /// <summary>The whole page.</summary>
    public static string Render(QuickReference reference)
    {
        var sb = new StringBuilder();
        var limited = reference.Severities is { } only ? $" for {string.Join(", ", only.Select(Text))}" : string.Empty;
        sb.Append($"# {Text(reference.Policy)} (version {reference.Version}): escalation quick reference{limited}\n\n");

        sb.Append("## SLA targets\n\n");
        sb.Append("| severity | description | acknowledge | first update | engineering assignment | mitigate | resolve | customer updates |\n");
        sb.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var s in reference.Sla)
        {
            sb.Append($"| {Cell(s.Severity)} | {Cell(s.Description)} | {Cell(s.Acknowledge)} | {Cell(s.FirstUpdate)} | {Cell(s.Assign)} | {Cell(s.Mitigate)} | {Cell(s.Resolve)} | {Cell(s.UpdateCadence)} |\n");
        }

        sb.Append("\n## Escalation matrix\n\n");
        sb.Append("| issue type | severity | rule | current owner | next owner | trigger | also |\n");
        sb.Append("|---|---|---|---|---|---|---|\n");
        foreach (var r in reference.Rows)
        {
            var rule = r.Condition is null ? $"{r.Rule} #{r.Step}" : $"{r.Rule} #{r.Step} (when {r.Condition})";
            sb.Append($"| {Cell(r.IssueTypes)} | {Cell(r.Severity)} | {Cell(rule)} | {Cell(r.CurrentOwner)} | {Cell(r.NextOwner)} | {Cell(r.Trigger)} | {Cell(r.Actions)} |\n");
        }

        if (reference.Rows.IsEmpty)
        {
            sb.Append($"| | | (no escalation rules{limited}) | | | | |\n");
        }

        if (!reference.Guards.IsEmpty)
        {
            sb.Append("\n## Across the matrix\n\n");
            sb.Append("| what | where | rule | effect |\n");
            sb.Append("|---|---|---|---|\n");
            foreach (var g in reference.Guards)
            {
                sb.Append($"| {Cell(g.Kind)} | {Cell(g.Scope)} | {Cell(g.Rule)} | {Cell(g.Effect)} |\n");
            }
        }

        sb.Append("\n## Ownership chain\n\n```mermaid\nflowchart LR\n");
        foreach (var e in reference.Chain)
        {
            sb.Append($"    {Node(e.From)} -->|\"{MermaidText.Escape(e.Label, quoted: true)}\"| {Node(e.To)}\n");
        }

        sb.Append("```\n");
        return sb.ToString();
    }

    private static string Cell(string? text) => string.IsNullOrEmpty(text) ? "-" : Text(text);

    // Names, descriptions and quoted values show as written, as in esc sim's Markdown report: '*', '`',
    // '[' and the like would become emphasis, code or links, '&' and '<' an entity or a hidden HTML tag,
    // '|' would end the cell, and a line break the heading or the table row.
    private static string Text(string text) => MarkdownText.Escape(text);

    // Mermaid node ids must be plain words; owners are, except the placeholders in parentheses.
    private static string Node(string owner)
    {
        var id = new string(owner.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray()).Trim('_');
        return id == owner ? owner : $"{(id.Length == 0 ? "n" : id)}[\"{MermaidText.Escape(owner, quoted: true)}\"]";
    }
}
