namespace EscalationDsl.Runtime.Events;

/// <summary>One parsed input record: the event, or the reason it was rejected (naming the field).</summary>
/// <param name="Event">The event, when valid.</param>
/// <param name="Error">What is wrong, such as <c>at: '2026-13-01' is not an ISO 8601 time</c>.</param>
/// <param name="Line">The 1-based line (JSON Lines) or row (CSV) of the record.</param>
/// <param name="TicketId">
/// For a rejected record, its ticket when the record still names one that reads (a replay then tells the
/// ticket's later events that a skipped row may have held their created event); null when it does not.
/// </param>
/// <param name="Kind">For a rejected record that names its ticket, its event type when that reads too; null when it does not.</param>
public readonly record struct EventParseResult(TicketEvent? Event, string? Error, long Line, string? TicketId = null, TicketEventKind? Kind = null)
{
    /// <summary>True when the record was valid.</summary>
    public bool IsValid => Event is not null;
}
