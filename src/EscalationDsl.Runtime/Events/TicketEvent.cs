using NodaTime;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// One fact about a ticket: what happened and when. Historical and live events have the same
/// shape (docs/events.md); which optional members matter depends on <see cref="Kind"/>.
/// </summary>
public sealed record TicketEvent
{
    /// <summary>The ticket the event belongs to.</summary>
    public required string TicketId { get; init; }

    /// <summary>When it happened.</summary>
    public required Instant At { get; init; }

    /// <summary>What happened.</summary>
    public required TicketEventKind Kind { get; init; }

    /// <summary>The client's id for the event; the engine uses it for idempotency.</summary>
    public string? EventId { get; init; }

    /// <summary><c>created</c>: which loaded policy runs the ticket (the engine; ignored elsewhere).</summary>
    public string? Policy { get; init; }

    /// <summary><c>created</c>, <c>severity_changed</c>: the severity name.</summary>
    public string? Severity { get; init; }

    /// <summary><c>created</c>: the issue type.</summary>
    public string? IssueType { get; init; }

    /// <summary><c>assigned</c> (and optionally <c>created</c>): the owner id.</summary>
    public string? Owner { get; init; }

    /// <summary><c>assigned</c>: true when the assignment is to engineering (also true when the owner is declared <c>engineering</c>).</summary>
    public bool Engineering { get; init; }

    /// <summary><c>flagged</c>: the flag field raised.</summary>
    public string? Flag { get; init; }

    /// <summary><c>status</c>: the new workflow status.</summary>
    public string? Status { get; init; }

    /// <summary><c>mitigation</c>: planned or contained.</summary>
    public string? Mitigation { get; init; }

    /// <summary>Field values carried by the event (<c>created</c>, <c>field_set</c>, and any other kind).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Fields { get; init; }
}
