using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime;

/// <summary>What only some tickets need: pauses, counters of rules that left their layout, and breaches under an earlier severity.</summary>
internal sealed class TicketExtras
{
    public PauseSet? Pauses;

    public int[]? Retired;

    /// <summary>
    /// By SLA component, the severity (its index plus one; 0: not known) under which a breached component was
    /// breached, written when the severity changes: until then every breach is under the current one.
    /// </summary>
    public byte[]? BreachedUnder;

    /// <summary>
    /// The value slots of `every ... since FIELD` time fields an event moved while the SLA clock was paused, when no
    /// interval could restart: the pause's end restarts them from the field's instant, earlier or later.
    /// </summary>
    public int[]? SinceMovedWhilePaused;
}
