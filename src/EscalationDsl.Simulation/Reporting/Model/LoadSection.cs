namespace EscalationDsl.Simulation.Reporting;

/// <summary>Open tickets per queue over time, sampled at every whole hour (a ticket open for less than an hour between two marks is not seen).</summary>
/// <param name="All">All queues together.</param>
/// <param name="ByQueue">Per queue, highest peak first.</param>
public sealed record LoadSection(LoadRow All, IReadOnlyList<LoadRow> ByQueue);
