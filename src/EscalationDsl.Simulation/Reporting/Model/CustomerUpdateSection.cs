namespace EscalationDsl.Simulation.Reporting;

/// <summary>Customer update compliance.</summary>
/// <param name="Observed">False when the input cannot contain customer updates (see the caveats).</param>
/// <param name="BySeverity">Per severity.</param>
public sealed record CustomerUpdateSection(bool Observed, IReadOnlyList<UpdateRow> BySeverity);
