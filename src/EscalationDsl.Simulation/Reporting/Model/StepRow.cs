namespace EscalationDsl.Simulation.Reporting;

/// <summary>What one step of an escalation rule did on the replayed tickets.</summary>
/// <param name="Step">The step as <c>esc explain</c> and <c>esc matrix</c> name it: the rule and the step's number in it, from 0 (<c>sev1_production #2</c>).</param>
/// <param name="Trigger">Its trigger as written (<c>after 30m unless mitigation_planned</c>).</param>
/// <param name="Tickets">Tickets it fired for at least once.</param>
/// <param name="Fired">Times it fired, on all tickets (the occurrences its decision ids count; a firing whose actions all named nobody new counts too).</param>
/// <param name="Blocked">Tickets on which its escalation was blocked by missing fields at least once (a <c>missing_information</c> decision); the runtime reports no other step that was due and did not act.</param>
/// <param name="Pages">Pages it sent as pages.</param>
/// <param name="PagesAsNotifications">Pages it sent as notifications instead (a page guard did not hold, or paging was stopped).</param>
public sealed record StepRow(string Step, string Trigger, long Tickets, long Fired, long Blocked, long Pages = 0, PagesAsNotifications PagesAsNotifications = default);
