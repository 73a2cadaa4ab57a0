namespace EscalationDsl.Simulation.Replay;

/// <summary>How far a replay has come.</summary>
/// <param name="Fraction">Share of the input read, 0 to 1 (0 when unknown).</param>
/// <param name="Rows">Rows or lines read.</param>
/// <param name="Tickets">Tickets replayed so far.</param>
/// <param name="BadRows">Rows skipped so far.</param>
public readonly record struct SimulationProgress(double Fraction, long Rows, long Tickets, long BadRows);
