namespace EscalationDsl.Simulation.Reporting;

/// <summary>SLA compliance of one severity or queue.</summary>
/// <param name="Key">The severity or queue.</param>
/// <param name="Tickets">Tickets in the group.</param>
/// <param name="Components">Per component (acknowledge, first_update, assign, mitigate, resolve) that applies to the group.</param>
public sealed record SlaRow(string Key, long Tickets, IReadOnlyDictionary<string, SlaCell> Components);
