namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A ticket whose stored log cannot be replayed (a damaged row, a pinned policy version that no
/// longer binds, or a bug), or whose deadline run failed (a bug): it stays out of memory, its rows
/// stay stored, and requests for it are answered with <see cref="Error"/> instead of failing the
/// work item they belong to. With <paramref name="running"/> the ticket is in memory still (rebuilt
/// before a row of its log was damaged): only what is rebuilt from the log fails, a retried event's
/// answer and the timeline, and the answer says so.
/// </summary>
internal sealed class TicketUnavailableException(string ticketId, Exception? cause = null, bool running = false)
    : Exception($"ticket '{ticketId}' cannot be rebuilt from its log", cause)
{
    public string TicketId { get; } = ticketId;

    /// <summary>Whether the ticket goes on running from memory (its new events, deadlines and reads are served).</summary>
    public bool Running { get; } = running;

    /// <summary>The answer to a request that needs the ticket; <paramref name="field"/> names where the request mentions it.</summary>
    public EngineError Error(string? field = null) => new(
        500,
        "Ticket unavailable",
        Running
            ? $"The stored log of ticket '{TicketId}' cannot be replayed (a damaged row or a bug; the engine's log has the error), so what is rebuilt from it fails: its timeline, and the answer to a retried event. The ticket goes on running from memory (its new events, deadlines and GET /v1/tickets/{TicketId}); fix the row before the engine restarts, or the next start sets the ticket aside and every request for it fails."
            : $"Ticket '{TicketId}' cannot be rebuilt from its stored log or run (a damaged row, a policy version that no longer binds, or a bug; the engine's log has the error). Its stored events are kept; requests for it fail until the cause is fixed and the engine restarts.",
        field);
}
