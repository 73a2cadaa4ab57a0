namespace EscalationDsl.Simulation.Reporting;

/// <summary>What one escalation rule did.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Tickets">Tickets the rule decided anything for.</param>
/// <param name="Escalations">Escalate decisions.</param>
/// <param name="Pages">Pages.</param>
/// <param name="Notifications">Notifications, including pages sent as notifications.</param>
/// <param name="Other">Other decisions: assign, remind, require_fields, missing_information, stop_paging, enter_monitor.</param>
/// <param name="PagesAsNotifications">The pages among <paramref name="Notifications"/>: a page guard did not hold, or paging was stopped.</param>
public sealed record RuleRow(string Rule, long Tickets, long Escalations, long Pages, long Notifications, long Other, PagesAsNotifications PagesAsNotifications = default);
