using EscalationDsl.Runtime.Machine;

namespace EscalationDsl.Engine.Observability;

/// <summary>
/// Where a ticket counts in the open-ticket gauge: its state and owner. The default counts nowhere
/// (a closed ticket, or one not yet counted).
/// </summary>
/// <param name="State">The ticket's state; null to count nowhere.</param>
/// <param name="Owner">Its owner, or null for none.</param>
internal readonly record struct OpenPlace(TicketPhase? State, string? Owner);
