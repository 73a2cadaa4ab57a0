using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// A column mapping for exports with one row per ticket and a timestamp column per milestone
/// (<c>"import": "tickets"</c>, docs/importers.md): which column dates each event, and how values map
/// to the policy's names. Every row is a whole ticket.
/// </summary>
public sealed record TicketMapping : IColumnMapping
{
    /// <summary>
    /// The event types a ticket row can give, in the order events at the same instant are replayed:
    /// each needs only its time (and, for created and assigned, what the row's other columns give).
    /// </summary>
    public static readonly IReadOnlyList<TicketEventKind> Milestones =
    [
        TicketEventKind.Created,
        TicketEventKind.Acknowledged,
        TicketEventKind.FirstUpdate,
        TicketEventKind.Assigned,
        TicketEventKind.Resolved,
        TicketEventKind.Closed,
    ];

    /// <inheritdoc/>
    public required CsvLayout Layout { get; init; }

    /// <inheritdoc/>
    public required string Ticket { get; init; }

    /// <summary>The milestones the export dates, each with its timestamp column, in the order of <see cref="Milestones"/>; created comes first.</summary>
    public required IReadOnlyList<MilestoneColumn> Events { get; init; }

    /// <inheritdoc/>
    public ValueMap? Severity { get; init; }

    /// <inheritdoc/>
    public ValueMap? IssueType { get; init; }

    /// <inheritdoc/>
    public ValueMap? Owner { get; init; }

    /// <inheritdoc/>
    public ValueMap? Engineering { get; init; }

    /// <inheritdoc/>
    public string? Queue { get; init; }

    /// <inheritdoc/>
    public string? Category { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldColumn> Fields { get; init; } = [];
}
