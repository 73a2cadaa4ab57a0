using System.Text;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// Builds ServiceNow audit log CSV text with the real export's 36 columns and made-up values, for tests
/// of bad and edge-case rows (rows of the shipped log are never copied into the repository).
/// </summary>
internal sealed class SyntheticAuditLog
{
    public static readonly string[] Columns =
    [
        "number", "incident_state", "active", "reassignment_count", "reopen_count", "sys_mod_count", "made_sla", "caller_id", "opened_by", "opened_at",
        "sys_created_by", "sys_created_at", "sys_updated_by", "sys_updated_at", "contact_type", "location", "category", "subcategory", "u_symptom", "cmdb_ci",
        "impact", "urgency", "priority", "assignment_group", "assigned_to", "knowledge", "u_priority_confirmation", "notify", "problem_id", "rfc", "vendor",
        "caused_by", "closed_code", "resolved_by", "resolved_at", "closed_at",
    ];

    private readonly StringBuilder text = new(string.Join(",", Columns) + "\n");

    /// <summary>Adds a row; unnamed cells get plausible made-up values.</summary>
    public SyntheticAuditLog Row(string number, string state, string updated, string opened = "1/3/2016 09:00", int mod = 0, string priority = "3 - Moderate",
        string category = "Category 1", string group = "Group 1", string assignee = "?", int reassignments = 0, int reopens = 0, string impact = "2 - Medium",
        string confirmed = "false")
    {
        var cells = new Dictionary<string, string>
        {
            ["number"] = number, ["incident_state"] = state, ["active"] = "true", ["reassignment_count"] = reassignments.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reopen_count"] = reopens.ToString(System.Globalization.CultureInfo.InvariantCulture), ["sys_mod_count"] = mod.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["made_sla"] = "true", ["caller_id"] = "Caller 1", ["opened_by"] = "Opened by 1", ["opened_at"] = opened, ["sys_created_by"] = "?", ["sys_created_at"] = "?",
            ["sys_updated_by"] = "Updated by 1", ["sys_updated_at"] = updated, ["contact_type"] = "Phone", ["location"] = "Location 1", ["category"] = category,
            ["subcategory"] = "Subcategory 1", ["u_symptom"] = "?", ["cmdb_ci"] = "?", ["impact"] = impact, ["urgency"] = "2 - Medium", ["priority"] = priority,
            ["assignment_group"] = group, ["assigned_to"] = assignee, ["knowledge"] = "false", ["u_priority_confirmation"] = confirmed, ["notify"] = "Do Not Notify",
            ["problem_id"] = "?", ["rfc"] = "?", ["vendor"] = "?", ["caused_by"] = "?", ["closed_code"] = "?", ["resolved_by"] = "?", ["resolved_at"] = "?", ["closed_at"] = "?",
        };
        text.Append(string.Join(",", Columns.Select(c => cells[c]))).Append('\n');
        return this;
    }

    /// <summary>Adds a line as it is (for rows with the wrong number of columns).</summary>
    public SyntheticAuditLog Raw(string line)
    {
        text.Append(line).Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();
}
