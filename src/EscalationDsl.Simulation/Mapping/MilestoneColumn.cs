using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>A milestone of a ticket export: the event type and the column whose timestamp says when it happened.</summary>
/// <param name="Kind">The event type.</param>
/// <param name="Column">The timestamp column; an empty cell means the milestone did not happen.</param>
public sealed record MilestoneColumn(TicketEventKind Kind, string Column);
