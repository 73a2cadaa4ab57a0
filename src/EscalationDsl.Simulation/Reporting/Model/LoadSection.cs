using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Open tickets per queue over time, sampled at every whole hour (a ticket open for less than an hour between two marks is not seen).</summary>
/// <param name="All">All queues together.</param>
/// <param name="ByQueue">Per queue, highest peak first.</param>
/// <param name="ByQueueLeftOut">The queues <c>--top</c> left out of <paramref name="ByQueue"/>, if any.</param>
public sealed record LoadSection(LoadRow All, IReadOnlyList<LoadRow> ByQueue, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<LoadRow>? ByQueueLeftOut = null);
