namespace EscalationDsl.Simulation.Reporting;

/// <summary>A step most of whose pages went out as notifications: a reviewer reading "fired 304" should know nobody was paged.</summary>
/// <param name="Step">The step, as <see cref="StepRow.Step"/> names it.</param>
/// <param name="Trigger">Its trigger as written.</param>
/// <param name="Pages">Pages it sent as pages.</param>
/// <param name="PagesAsNotifications">Pages it sent as notifications instead, by why.</param>
/// <param name="Why">What turned them into notifications, most often first, each with its count:
/// <c>page only when impact_confirmed did not hold (300), paging was stopped (4)</c>.</param>
public sealed record NotifiedPagesItem(string Step, string Trigger, long Pages, PagesAsNotifications PagesAsNotifications, string Why);
