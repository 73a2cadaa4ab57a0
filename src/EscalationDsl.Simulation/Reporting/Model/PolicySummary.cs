namespace EscalationDsl.Simulation.Reporting;

/// <summary>The policy a report is about.</summary>
/// <param name="Name">Policy name.</param>
/// <param name="Version">Policy version.</param>
/// <param name="Fingerprint">Hash of its source text.</param>
public sealed record PolicySummary(string Name, int Version, string Fingerprint);
