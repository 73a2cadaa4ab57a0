using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// A generic column mapping for CSV exports with one event per row (<c>"import": "csv"</c>): which
/// columns hold the ticket, the time and the event type, and how values map to the policy's names.
/// </summary>
public sealed record EventMapping : IColumnMapping
{
    /// <inheritdoc/>
    public required CsvLayout Layout { get; init; }

    /// <inheritdoc/>
    public required string Ticket { get; init; }

    /// <summary>The timestamp column.</summary>
    public required string Time { get; init; }

    /// <summary>The event type: source values to canonical types (null skips the row).</summary>
    public required ValueMap Type { get; init; }

    /// <summary>An optional event id column.</summary>
    public string? Id { get; init; }

    /// <summary>True when each ticket's rows are contiguous, so a ticket is replayed as soon as its rows end.</summary>
    public bool Contiguous { get; init; }

    /// <inheritdoc/>
    public ValueMap? Severity { get; init; }

    /// <inheritdoc/>
    public ValueMap? IssueType { get; init; }

    /// <inheritdoc/>
    public ValueMap? Owner { get; init; }

    /// <inheritdoc/>
    public ValueMap? Engineering { get; init; }

    /// <summary>The flag a flagged row raises.</summary>
    public ValueMap? Flag { get; init; }

    /// <summary>The status of status rows, or planned/contained for mitigation rows.</summary>
    public ValueMap? Status { get; init; }

    /// <summary>
    /// Status values that stand for an event (<c>"Done": { "event": "resolved" }</c> under <c>status.values</c>):
    /// a status row with such a value is that event, not a status.
    /// </summary>
    public IReadOnlyDictionary<string, TicketEventKind> StatusEvents { get; init; } = new Dictionary<string, TicketEventKind>();

    /// <summary>
    /// The flag fields of the policy that no column can raise (under <c>fields</c>, or through <see cref="Flag"/>
    /// on flagged rows): rules that wait for them never see them raised (the report's caveats say so).
    /// </summary>
    public IReadOnlyList<string> UnsetFlags { get; init; } = [];

    /// <inheritdoc/>
    public string? Queue { get; init; }

    /// <inheritdoc/>
    public string? Category { get; init; }

    /// <inheritdoc/>
    public IReadOnlyList<FieldColumn> Fields { get; init; } = [];
}
