using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>
/// The few facts of a ticket a store keeps beside it (the engine's tickets table), without the
/// clocks and rules <see cref="TicketRuntime.Describe(Ticket)"/> builds.
/// </summary>
/// <param name="State">The lifecycle state, lower case (<c>open</c>, <c>acknowledged</c>, ...).</param>
/// <param name="Severity">The current severity.</param>
/// <param name="Owner">Who holds the ticket, or null.</param>
/// <param name="Level">The escalation level.</param>
/// <param name="Acknowledged">When it was first acknowledged, or null.</param>
/// <param name="Resolved">When it was last resolved, or null.</param>
public readonly record struct TicketSummary(string State, string Severity, string? Owner, int Level, Instant? Acknowledged, Instant? Resolved);
