using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>SLA compliance per component. A severity without a target for a component has no cell for it.</summary>
/// <param name="Components">The components any severity of the policy sets, in order.</param>
/// <param name="Unobserved">Components the input cannot show being met (see the caveats).</param>
/// <param name="BySeverity">Grouped by the severity tickets ended with.</param>
/// <param name="ByQueue">Grouped by the queue that held the ticket when the component was met or breached; most tickets first.</param>
/// <param name="ByQueueLeftOut">The queues <c>--top</c> left out of <paramref name="ByQueue"/>, if any.</param>
public sealed record SlaSection(
    IReadOnlyList<string> Components,
    IReadOnlyList<string> Unobserved,
    IReadOnlyList<SlaRow> BySeverity,
    IReadOnlyList<SlaRow> ByQueue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<SlaRow>? ByQueueLeftOut = null);
