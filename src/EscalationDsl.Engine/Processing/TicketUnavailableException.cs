namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A ticket whose stored log cannot be replayed (a damaged row, a pinned policy version that no
/// longer binds, or a bug), or whose deadline run failed (a bug): it stays out of memory, its rows
/// stay stored, and requests for it are answered with <see cref="Error"/> instead of failing the
/// work item they belong to.
/// </summary>
internal sealed class TicketUnavailableException(string ticketId, Exception? cause = null)
    : Exception($"ticket '{ticketId}' cannot be rebuilt from its log", cause)
{
    public string TicketId { get; } = ticketId;

    /// <summary>The answer to a request that needs the ticket; <paramref name="field"/> names where the request mentions it.</summary>
    public EngineError Error(string? field = null) => new(
        500,
        "Ticket unavailable",
        $"Ticket '{TicketId}' cannot be rebuilt from its stored log or run (a damaged row, a policy version that no longer binds, or a bug; the engine's log has the error). Its stored events are kept; requests for it fail until the cause is fixed and the engine restarts.",
        field);
}
