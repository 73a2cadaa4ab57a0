namespace EscalationDsl.Runtime.Compilation;

/// <summary>A compiled condition: does it hold for the ticket at <paramref name="now"/> (Unix ms)?</summary>
public delegate bool TicketPredicate(Ticket ticket, long now);
