using NodaTime;

namespace EscalationDsl.Simulation.ServiceNow;

/// <summary>One snapshot row of an incident, reduced to the cells the mapping reads (missing cells are null). Reused from incident to incident.</summary>
internal sealed class IncidentRow
{
    public long Row { get; set; }

    /// <summary>Position in the file among the incident's rows (keeps the sort stable).</summary>
    public int Index { get; set; }

    public Instant Updated { get; set; }

    public int ModCount { get; set; }

    /// <summary>The state as a status name (mapped through "states").</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>The severity column's cell (priority).</summary>
    public string? SeverityCell { get; set; }

    /// <summary>The issue type column's cell (category).</summary>
    public string? IssueCell { get; set; }

    /// <summary>The owner column's cell (assignment_group).</summary>
    public string? OwnerCell { get; set; }

    /// <summary>The engineering column's cell (assigned_to).</summary>
    public string? EngineeringCell { get; set; }

    /// <summary>The report's queue (assignment_group).</summary>
    public string? QueueCell { get; set; }

    /// <summary>The report's category (category).</summary>
    public string? CategoryCell { get; set; }

    /// <summary>-1 when the column is absent or the cell missing.</summary>
    public int Reassignments { get; set; } = -1;

    /// <summary>-1 when the column is absent or the cell missing.</summary>
    public int Reopens { get; set; } = -1;

    /// <summary>Cells of the mapped policy fields, in mapping order.</summary>
    public string?[] FieldCells { get; set; } = [];
}
