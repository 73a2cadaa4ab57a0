namespace EscalationDsl.Simulation.Reporting;

/// <summary>Escalations, pages and notifications.</summary>
/// <param name="DecisionsByKind">Every decision kind and how often it was decided.</param>
/// <param name="ByRule">Per escalation rule, in policy order.</param>
/// <param name="ByIssueType">Per issue type (as the policy saw it), most tickets first.</param>
/// <param name="ByCategory">Per source category when the input has its own categories (importers), most tickets first; else empty.</param>
/// <param name="ByOwner">Per policy owner the decisions went to.</param>
/// <param name="ByQueue">Per source queue holding the ticket when the decision was taken, most tickets first.</param>
public sealed record EscalationSection(
    IReadOnlyDictionary<string, long> DecisionsByKind,
    IReadOnlyList<RuleRow> ByRule,
    IReadOnlyList<GroupRow> ByIssueType,
    IReadOnlyList<GroupRow> ByCategory,
    IReadOnlyList<OwnerRow> ByOwner,
    IReadOnlyList<GroupRow> ByQueue);
