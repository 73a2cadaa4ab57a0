namespace EscalationDsl.Simulation.Reporting;

/// <summary>A distribution of durations.</summary>
/// <param name="Count">Tickets with a value.</param>
/// <param name="Missing">Tickets without one (never acknowledged, never assigned).</param>
/// <param name="Median">Median in seconds (nearest rank), or null without values.</param>
/// <param name="P90">90th percentile in seconds (nearest rank), or null without values.</param>
public sealed record DurationStats(long Count, long Missing, long? Median, long? P90);
