namespace EscalationDsl.Simulation.Reporting;

/// <summary>One value a route lists, and the tickets that ended with it.</summary>
/// <param name="Field">The routed field (<c>issue_type</c>).</param>
/// <param name="Value">The value as the route lists it (<c>database</c>).</param>
/// <param name="Owner">The owner the route gives it.</param>
/// <param name="Tickets">Tickets whose value of the field, at the end of the replay, was this one.</param>
public sealed record RouteValueRow(string Field, string Value, string Owner, long Tickets);
