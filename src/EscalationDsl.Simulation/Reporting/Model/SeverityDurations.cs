namespace EscalationDsl.Simulation.Reporting;

/// <summary>Response times of one severity (or of all tickets).</summary>
/// <param name="Severity">The severity, or <c>all</c>.</param>
/// <param name="Tickets">Tickets of the severity.</param>
/// <param name="FirstResponse">Creation to the first acknowledgement.</param>
/// <param name="EngineeringRecorded">Creation to the first engineering assignment in the history.</param>
/// <param name="EngineeringWithPolicy">Creation to the first engineering assignment, by the history or by the policy's assign/escalate actions.</param>
public sealed record SeverityDurations(string Severity, long Tickets, DurationStats FirstResponse, DurationStats EngineeringRecorded, DurationStats EngineeringWithPolicy);
