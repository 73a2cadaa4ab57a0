using NodaTime;

namespace EscalationDsl.Simulation.ServiceNow;

/// <summary>One snapshot row of an incident, reduced to the cells the mapping reads (missing cells are null).</summary>
internal sealed class IncidentRow
{
    public long Row { get; init; }

    /// <summary>Position in the file among the incident's rows (keeps the sort stable).</summary>
    public int Index { get; init; }

    public Instant Updated { get; init; }

    public int ModCount { get; init; }

    /// <summary>The state as a status name (mapped through "states").</summary>
    public required string Status { get; init; }

    /// <summary>The severity column's cell (priority).</summary>
    public string? SeverityCell { get; init; }

    /// <summary>The issue type column's cell (category).</summary>
    public string? IssueCell { get; init; }

    /// <summary>The owner column's cell (assignment_group).</summary>
    public string? OwnerCell { get; init; }

    /// <summary>The engineering column's cell (assigned_to).</summary>
    public string? EngineeringCell { get; init; }

    /// <summary>The report's queue (assignment_group).</summary>
    public string? QueueCell { get; init; }

    /// <summary>The report's category (category).</summary>
    public string? CategoryCell { get; init; }

    /// <summary>-1 when the column is absent or the cell missing.</summary>
    public int Reassignments { get; init; } = -1;

    /// <summary>-1 when the column is absent or the cell missing.</summary>
    public int Reopens { get; init; } = -1;

    /// <summary>Cells of the mapped policy fields, in mapping order.</summary>
    public required string?[] FieldCells { get; init; }
}
