using EscalationDsl.Engine.Policies;
using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Processing;

/// <summary>An open ticket in memory: its runtime record and the policy version it is pinned to.</summary>
internal sealed class TicketEntry(Ticket ticket, PolicyVersion policy)
{
    public Ticket Ticket { get; } = ticket;

    public PolicyVersion Policy { get; set; } = policy;

    /// <summary>The deadline the scheduler queue holds for this ticket (long.MaxValue for none).</summary>
    public long ScheduledDue { get; set; } = long.MaxValue;

    /// <summary>The state last written to the tickets table and counted in metrics.</summary>
    public string State { get; set; } = string.Empty;
}
