namespace EscalationDsl.Simulation.Reporting;

/// <summary>One SLA component for a group of tickets.</summary>
/// <param name="Met">Met in time (or ended by resolution).</param>
/// <param name="Breached">Breached.</param>
/// <param name="Pending">Still running at the end of the input.</param>
/// <param name="Compliance">Met / (met + breached), or null when none was decided.</param>
public sealed record SlaCell(long Met, long Breached, long Pending, double? Compliance);
