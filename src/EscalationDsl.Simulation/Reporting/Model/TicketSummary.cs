namespace EscalationDsl.Simulation.Reporting;

/// <summary>Ticket counts.</summary>
/// <param name="Replayed">Tickets replayed.</param>
/// <param name="Resolved">Resolved or closed at the end.</param>
/// <param name="OpenAtEnd">Still open at the end of the input.</param>
/// <param name="Reopened">Reopened at least once.</param>
/// <param name="Escalated">Escalated by the policy at least once.</param>
/// <param name="Paged">Paged by the policy at least once (a page, not a notification).</param>
/// <param name="Breached">With at least one SLA breach or missed update.</param>
public sealed record TicketSummary(long Replayed, long Resolved, long OpenAtEnd, long Reopened, long Escalated, long Paged, long Breached);
