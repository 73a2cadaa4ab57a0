using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime;

/// <summary>What only some tickets need: pauses, and counters of rules that left their layout.</summary>
internal sealed class TicketExtras
{
    public PauseSet? Pauses;

    public int[]? Retired;
}
