using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Escalations, pages and notifications.</summary>
/// <param name="DecisionsByKind">Every decision kind and how often it was decided.</param>
/// <param name="ByRule">Per escalation rule, in policy order (under <c>--top</c>, most tickets first).</param>
/// <param name="ByIssueType">Per issue type (as the policy saw it), most tickets first.</param>
/// <param name="ByCategory">Per source category when the input has its own categories (importers), most tickets first; else empty.</param>
/// <param name="ByOwner">Per policy owner the decisions went to, in policy order (under <c>--top</c>, most decisions first).</param>
/// <param name="ByQueue">Per source queue holding the ticket when the decision was taken, most tickets first.</param>
/// <param name="ByStep">Per step of every escalation rule, in policy order; never cut by <c>--top</c>.</param>
/// <param name="Deescalations">Per <c>deescalate when</c> block, in policy order.</param>
/// <param name="RouteValues">Per value each route lists, in policy order.</param>
/// <param name="NeverApplied">The rules, steps, deescalations and route values that did nothing on these tickets.</param>
/// <param name="ByRuleLeftOut">The rules <c>--top</c> left out of <paramref name="ByRule"/>, if any.</param>
/// <param name="ByIssueTypeLeftOut">The issue types <c>--top</c> left out of <paramref name="ByIssueType"/>, if any.</param>
/// <param name="ByCategoryLeftOut">The categories <c>--top</c> left out of <paramref name="ByCategory"/>, if any.</param>
/// <param name="ByOwnerLeftOut">The owners <c>--top</c> left out of <paramref name="ByOwner"/>, if any.</param>
/// <param name="ByQueueLeftOut">The queues <c>--top</c> left out of <paramref name="ByQueue"/>, if any.</param>
public sealed record EscalationSection(
    IReadOnlyDictionary<string, long> DecisionsByKind,
    IReadOnlyList<RuleRow> ByRule,
    IReadOnlyList<GroupRow> ByIssueType,
    IReadOnlyList<GroupRow> ByCategory,
    IReadOnlyList<OwnerRow> ByOwner,
    IReadOnlyList<GroupRow> ByQueue,
    IReadOnlyList<StepRow> ByStep,
    IReadOnlyList<DeescalationRow> Deescalations,
    IReadOnlyList<RouteValueRow> RouteValues,
    NeverApplied NeverApplied,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<RuleRow>? ByRuleLeftOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<GroupRow>? ByIssueTypeLeftOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<GroupRow>? ByCategoryLeftOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<OwnerRow>? ByOwnerLeftOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<GroupRow>? ByQueueLeftOut = null);
