using EscalationDsl.Engine.Policies;
using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// An open ticket as the engine sees it: the runtime record and, in its <see cref="Ticket.Host"/>
/// slot, the policy version it is pinned to. A struct, so an open ticket costs the engine nothing
/// beyond the runtime record, its index entry and its place in the scheduler's queue.
/// </summary>
internal readonly record struct TicketEntry(Ticket Ticket)
{
    public PolicyVersion Policy => (PolicyVersion)Ticket.Host!;

    public static TicketEntry Pin(Ticket ticket, PolicyVersion policy)
    {
        ticket.Host = policy;
        return new TicketEntry(ticket);
    }
}
