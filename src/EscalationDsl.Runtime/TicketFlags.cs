namespace EscalationDsl.Runtime;

/// <summary>Mode bits of a ticket.</summary>
[Flags]
internal enum TicketFlags : byte
{
    None = 0,

    /// <summary>`enter monitor` ran.</summary>
    Monitoring = 1,

    /// <summary>`stop paging` ran: pages become notifications.</summary>
    PagingStopped = 2,

    /// <summary>The pause condition held after the last event.</summary>
    Paused = 4,

    /// <summary>Some `every` step may be parked (<see cref="Compilation.StepSlot.Parked"/>): deadlines skip it.</summary>
    Parked = 8,

    /// <summary>
    /// The latest instant the ticket saw lies inside the second after <see cref="Ticket.LastEvent"/> (an event stamped
    /// between the ticket's whole seconds): a deadline that falls due at once fires at the end of that second, not before it.
    /// </summary>
    SeenBetweenSeconds = 16,

    /// <summary>A page went out (not one turned into a notification) since paging last stopped: `stop paging` has pages to stop.</summary>
    Paged = 32,
}
