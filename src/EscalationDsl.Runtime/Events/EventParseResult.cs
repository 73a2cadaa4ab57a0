namespace EscalationDsl.Runtime.Events;

/// <summary>One parsed input record: the event, or the reason it was rejected (naming the field).</summary>
/// <param name="Event">The event, when valid.</param>
/// <param name="Error">What is wrong, such as <c>at: '2026-13-01' is not an ISO 8601 time</c>.</param>
/// <param name="Line">The 1-based line (JSON Lines) or row (CSV) of the record.</param>
public readonly record struct EventParseResult(TicketEvent? Event, string? Error, long Line)
{
    /// <summary>True when the record was valid.</summary>
    public bool IsValid => Event is not null;
}
