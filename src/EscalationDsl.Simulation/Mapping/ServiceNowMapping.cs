namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// How the ServiceNow incident audit log maps to events (docs/importers.md). Each row is a snapshot
/// of an incident after an update; events come from the changes between consecutive snapshots.
/// </summary>
public sealed record ServiceNowMapping
{
    /// <summary>The built-in status names of the incident states.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultStates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["New"] = "new",
        ["Active"] = "in_progress",
        ["Awaiting User Info"] = "awaiting_customer",
        ["Awaiting Vendor"] = "awaiting_vendor",
        ["Awaiting Problem"] = "awaiting_problem",
        ["Awaiting Evidence"] = "awaiting_evidence",
        ["Resolved"] = "resolved",
        ["Closed"] = "closed",
    };

    /// <summary>Separator, missing-value markers (<c>?</c>) and the timestamp format.</summary>
    public required CsvLayout Layout { get; init; }

    /// <summary>Incident number column.</summary>
    public string Number { get; init; } = "number";

    /// <summary>Incident state column.</summary>
    public string State { get; init; } = "incident_state";

    /// <summary>Opening time column (the created event).</summary>
    public string Opened { get; init; } = "opened_at";

    /// <summary>Update time column (the time of each snapshot).</summary>
    public string Updated { get; init; } = "sys_updated_at";

    /// <summary>Update counter column (orders snapshots with the same time).</summary>
    public string ModCount { get; init; } = "sys_mod_count";

    /// <summary>Reassignment counter column.</summary>
    public string Reassignments { get; init; } = "reassignment_count";

    /// <summary>Reopen counter column.</summary>
    public string Reopens { get; init; } = "reopen_count";

    /// <summary>Incident states to status names; <c>new</c>, <c>resolved</c> and <c>closed</c> have fixed meanings.</summary>
    public required IReadOnlyDictionary<string, string> States { get; init; }

    /// <summary>Severity from priority.</summary>
    public required ValueMap Severity { get; init; }

    /// <summary>Issue type from category.</summary>
    public ValueMap? IssueType { get; init; }

    /// <summary>Owner of assignments, from assignment_group.</summary>
    public ValueMap? Owner { get; init; }

    /// <summary>Maps to true when an assignment counts as engineering (default: an assignee is set).</summary>
    public ValueMap? Engineering { get; init; }

    /// <summary>The report's queue column.</summary>
    public string? Queue { get; init; } = "assignment_group";

    /// <summary>The report's category column.</summary>
    public string? Category { get; init; } = "category";

    /// <summary>Policy fields set from columns; a change between snapshots is a field_set event.</summary>
    public IReadOnlyList<FieldColumn> Fields { get; init; } = [];
}
