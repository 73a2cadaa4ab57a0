using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Runtime.Decisions;

/// <summary>
/// One thing the policy decided for a ticket. <see cref="Id"/> is stable for (ticket, source,
/// occurrence, action, target): replaying the same events gives the same ids, so the engine
/// stores and delivers each decision exactly once per occurrence.
/// </summary>
/// <param name="Id">Stable id, such as <c>INC1/sev1_production/0/1/1.0</c> or <c>INC1/sla/acknowledge/0</c>.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="At">When the decision was taken (a deadline or an event time).</param>
/// <param name="Kind">What was decided.</param>
/// <param name="Owner">The owner it goes to (target of page/notify/assign/escalate/remind).</param>
/// <param name="Rule">The rule whose step decided it, or null (SLA, deescalation).</param>
/// <param name="Step">The step index in the rule, or -1.</param>
/// <param name="Occurrence">1 for the first firing of the step, 2 for the second, ...</param>
/// <param name="Level">The escalation level after the decision.</param>
/// <param name="Component">The SLA component of a breach or missed update.</param>
/// <param name="Fields">Fields asked for (require, missing information).</param>
/// <param name="Detail">A sentence saying why, for people reading timelines.</param>
public sealed record Decision(
    string Id,
    string TicketId,
    Instant At,
    DecisionKind Kind,
    string? Owner,
    string? Rule,
    int Step,
    int Occurrence,
    int Level,
    SlaComponent? Component,
    IReadOnlyList<string> Fields,
    string Detail)
{
    /// <summary>
    /// For a page sent as a notification (<see cref="DecisionKind.Notify"/>): why, so a reader can count
    /// them without reading <see cref="Detail"/>; <see cref="PageDowngrade.None"/> for every other decision.
    /// </summary>
    public PageDowngrade Downgrade { get; init; }

    /// <summary>
    /// With <see cref="PageDowngrade.PolicyGuard"/> or <see cref="PageDowngrade.RuleGuard"/>: the index of the
    /// first `page only when` that did not hold, among the policy's (<c>PolicyModel.PageGuards</c>) or the
    /// rule's (<c>RuleModel.PageGuards</c>) page guards; otherwise -1.
    /// </summary>
    public int PageGuard { get; init; } = -1;
}
