using NodaTime;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Open-ticket load of one queue.</summary>
/// <param name="Queue">The queue, or <c>(all)</c>.</param>
/// <param name="Tickets">Tickets that were in the queue while open.</param>
/// <param name="Peak">The most tickets open in the queue at any whole hour.</param>
/// <param name="PeakAt">The first whole hour with that many.</param>
/// <param name="Average">Tickets open at an average whole hour between the first and the last hour with any.</param>
public sealed record LoadRow(string Queue, long Tickets, long Peak, Instant? PeakAt, double Average);
