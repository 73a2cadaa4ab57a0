namespace EscalationDsl.Simulation.Reporting;

/// <summary>Decisions addressed to one policy owner.</summary>
/// <param name="Owner">The owner (as declared in the policy).</param>
/// <param name="Escalations">Escalations to the owner.</param>
/// <param name="Pages">Pages to the owner.</param>
/// <param name="Notifications">Notifications to the owner.</param>
/// <param name="Assignments">Assignments by the policy to the owner.</param>
/// <param name="Reminders">Reminders to the owner.</param>
public sealed record OwnerRow(string Owner, long Escalations, long Pages, long Notifications, long Assignments, long Reminders);
