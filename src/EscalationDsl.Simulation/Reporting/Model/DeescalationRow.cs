namespace EscalationDsl.Simulation.Reporting;

/// <summary>What one <c>deescalate when</c> block did on the replayed tickets.</summary>
/// <param name="Condition">Its condition as written (<c>mitigation_status == contained</c>).</param>
/// <param name="Tickets">Tickets it ran for at least once.</param>
/// <param name="Fired">Times it ran (each time its condition became true), on all tickets.</param>
public sealed record DeescalationRow(string Condition, long Tickets, long Fired);
