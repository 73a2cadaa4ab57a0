namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// A generic column mapping for CSV exports with one event per row (<c>"import": "csv"</c>): which
/// columns hold the ticket, the time and the event type, and how values map to the policy's names.
/// </summary>
public sealed record EventMapping
{
    /// <summary>Separator, missing-value markers and the timestamp format.</summary>
    public required CsvLayout Layout { get; init; }

    /// <summary>The ticket id column.</summary>
    public required string Ticket { get; init; }

    /// <summary>The timestamp column.</summary>
    public required string Time { get; init; }

    /// <summary>The event type: source values to canonical types (null skips the row).</summary>
    public required ValueMap Type { get; init; }

    /// <summary>An optional event id column.</summary>
    public string? Id { get; init; }

    /// <summary>True when each ticket's rows are contiguous, so a ticket is replayed as soon as its rows end.</summary>
    public bool Contiguous { get; init; }

    /// <summary>Severity of created and severity_changed rows.</summary>
    public ValueMap? Severity { get; init; }

    /// <summary>Issue type of created rows.</summary>
    public ValueMap? IssueType { get; init; }

    /// <summary>Owner of created and assigned rows.</summary>
    public ValueMap? Owner { get; init; }

    /// <summary>Maps to true when an assignment is to engineering.</summary>
    public ValueMap? Engineering { get; init; }

    /// <summary>The flag a flagged row raises.</summary>
    public ValueMap? Flag { get; init; }

    /// <summary>The status of status rows, or planned/contained for mitigation rows.</summary>
    public ValueMap? Status { get; init; }

    /// <summary>The source's queue column for reports (default: the owner column as written).</summary>
    public string? Queue { get; init; }

    /// <summary>The source's category column for reports (default: the issue type column as written).</summary>
    public string? Category { get; init; }

    /// <summary>Policy fields set from columns (any row that has a value sets the field).</summary>
    public IReadOnlyList<FieldColumn> Fields { get; init; } = [];
}
