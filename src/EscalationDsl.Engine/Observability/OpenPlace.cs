using EscalationDsl.Runtime.Machine;

namespace EscalationDsl.Engine.Observability;

/// <summary>
/// Where a ticket counts in the open-ticket gauge: its policy, state and owner. The default counts
/// nowhere (a closed ticket, or one not yet counted).
/// </summary>
/// <param name="State">The ticket's state; null to count nowhere.</param>
/// <param name="Owner">Its owner, or null for none.</param>
/// <param name="Policy">The name of its policy (set whenever <paramref name="State"/> is).</param>
internal readonly record struct OpenPlace(TicketPhase? State, string? Owner, string Policy);
