namespace EscalationDsl.Simulation.Reporting;

/// <summary>A count and how many of it matched a condition.</summary>
/// <param name="Key">What is counted (a rule, an owner).</param>
/// <param name="Total">All of them.</param>
/// <param name="Matching">Those that match (after hours).</param>
public sealed record CountRow(string Key, long Total, long Matching);
