using System.Text;

namespace EscalationDsl.Benchmarks;

/// <summary>Generates large, valid policies: many owners, severities, routes and rules.</summary>
internal static class PolicyGenerator
{
    /// <summary>A policy of about <paramref name="lines"/> lines that binds without errors.</summary>
    public static string Generate(int lines)
    {
        var sb = new StringBuilder();
        sb.Append("policy \"generated\" version 1\n\n");
        sb.Append("calendar business \"America/New_York\" default {\n    hours mon..fri 09:00-17:00\n    holiday 2026-12-25 \"Christmas Day\"\n}\n\n");
        sb.Append("fields {\n    issue_type enum [");
        sb.Append(string.Join(", ", Enumerable.Range(0, 40).Select(i => $"type{i}")));
        sb.Append("]\n    impact enum [production, degraded, minor]\n    impact_confirmed flag\n    root_cause text\n}\n\n");
        var owners = 200;
        sb.Append("owners {\n");
        for (var i = 0; i < owners; i++)
        {
            sb.Append($"    team team{i} \"Team {i}\" engineering{(i > 0 ? $" reports to team{i / 2}" : "")}\n");
        }

        sb.Append("}\n\n");
        for (var s = 0; s < 20; s++)
        {
            sb.Append($"severity sev{s} \"Severity {s}\" {{\n    acknowledge within {15 + s}m\n    first_update within {30 + s}m\n    resolve within {s + 1} business days\n}}\n\n");
        }

        sb.Append("route issue_type {\n");
        for (var i = 0; i < 40; i++)
        {
            sb.Append($"    type{i} -> team{i + 1}\n");
        }

        sb.Append("    default -> team0\n}\n\npage only when impact_confirmed\n\n");
        var rule = 0;
        while (CountLines(sb) < lines - 12)
        {
            var sev = rule % 20;
            sb.Append($"escalation rule{rule} for sev{sev} when issue_type == type{rule % 40} and impact == production {{\n");
            sb.Append($"    owner team{rule % owners}\n");
            sb.Append("    after 15m unless acknowledged: notify team1, page team2\n");
            sb.Append("    after 30m unless engineering_assigned: assign team3\n");
            sb.Append("    after 1h unless root_cause: escalate to route(issue_type)\n");
            sb.Append("    every 2h while not resolved up to 3 times: remind owner\n");
            sb.Append("    on workaround_failed: escalate to next\n");
            sb.Append("}\n\n");
            rule++;
        }

        sb.Append("deescalate when mitigation_status == contained {\n    stop paging\n    enter monitor\n}\n");
        return sb.ToString();
    }

    private static int CountLines(StringBuilder sb)
    {
        var n = 0;
        foreach (var chunk in sb.GetChunks())
        {
            n += chunk.Span.Count('\n');
        }

        return n;
    }
}
