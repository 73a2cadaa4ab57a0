namespace EscalationDsl.Simulation.Reporting;

/// <summary>What a support lead should look at.</summary>
/// <param name="RepeatedMisses">Tickets that missed the same SLA component more than once (across reopens, or several update intervals); most misses first.</param>
/// <param name="RepeatedMissTickets">How many tickets that is in all.</param>
/// <param name="EarlyEscalations">Escalated, then resolved soon after (too early?); shortest gap first.</param>
/// <param name="EarlyEscalationTickets">How many in all.</param>
/// <param name="FastResolutionSeconds">What "soon" means, in seconds.</param>
/// <param name="LateEscalations">Escalated, and still breached an SLA target after the escalation (too late?); with the first breach after it, the shortest gap first.</param>
/// <param name="LateEscalationTickets">How many in all.</param>
/// <param name="TopEscalatingIssueTypes">Issue types (source categories when there are any) with the highest escalation rate, among those with at least <paramref name="MinimumTickets"/> tickets.</param>
/// <param name="MinimumTickets">The size below which a group's rate is too noisy to rank.</param>
/// <param name="RankedIssueTypes">How many issue types (or source categories) have at least <paramref name="MinimumTickets"/> tickets and were ranked.</param>
/// <param name="PagesAsNotifications">Steps more than half of whose pages went out as notifications, in policy order; never cut by <c>--top</c>.</param>
public sealed record ReviewSection(
    IReadOnlyList<ReviewItem> RepeatedMisses,
    long RepeatedMissTickets,
    IReadOnlyList<ReviewItem> EarlyEscalations,
    long EarlyEscalationTickets,
    long FastResolutionSeconds,
    IReadOnlyList<ReviewItem> LateEscalations,
    long LateEscalationTickets,
    IReadOnlyList<GroupRow> TopEscalatingIssueTypes,
    long MinimumTickets,
    int RankedIssueTypes,
    IReadOnlyList<NotifiedPagesItem> PagesAsNotifications);
