namespace EscalationDsl.Simulation.Reporting;

/// <summary>Time to first response and to first engineering assignment, by the severity tickets ended with.</summary>
/// <param name="BySeverity">One row per declared severity, most severe first.</param>
/// <param name="All">All tickets.</param>
public sealed record ResponseSection(IReadOnlyList<SeverityDurations> BySeverity, SeverityDurations All);
