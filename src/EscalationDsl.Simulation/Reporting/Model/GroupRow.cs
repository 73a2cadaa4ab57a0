namespace EscalationDsl.Simulation.Reporting;

/// <summary>Escalation figures of one issue type, category or owner queue.</summary>
/// <param name="Key">The issue type, category or queue.</param>
/// <param name="Tickets">Tickets in the group.</param>
/// <param name="EscalatedTickets">Tickets the policy escalated at least once.</param>
/// <param name="EscalationRate">EscalatedTickets / Tickets.</param>
/// <param name="Escalations">Escalate decisions.</param>
/// <param name="Pages">Pages.</param>
/// <param name="Notifications">Notifications.</param>
public sealed record GroupRow(string Key, long Tickets, long EscalatedTickets, double EscalationRate, long Escalations, long Pages, long Notifications);
