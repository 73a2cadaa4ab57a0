namespace EscalationDsl.Simulation.Reporting;

/// <summary>Customer update compliance of one severity.</summary>
/// <param name="Severity">The severity.</param>
/// <param name="Tickets">Tickets of the severity.</param>
/// <param name="Cadence">The severity's cadence as written (<c>update every 60m until contained</c>), or null without one.</param>
/// <param name="FirstUpdate">The first_update SLA, when the severity sets it.</param>
/// <param name="TicketsWithUpdates">Tickets with at least one customer update.</param>
/// <param name="MissedIntervals">Missed update intervals (missed_update decisions).</param>
/// <param name="TicketsMissing">Tickets with at least one missed interval.</param>
public sealed record UpdateRow(string Severity, long Tickets, string? Cadence, SlaCell? FirstUpdate, long TicketsWithUpdates, long MissedIntervals, long TicketsMissing);
