namespace EscalationDsl.Runtime.Compilation;

/// <summary>
/// When a compiled condition may next change its value with no event, only because time passes
/// (<c>older than</c> reaching its age, <c>during</c> reaching the edge of business hours): an
/// instant after <paramref name="now"/> (Unix ms), or null when time alone will not change it.
/// Early answers are harmless (the condition is evaluated again and found unchanged); late ones are not.
/// </summary>
public delegate long? TicketWake(Ticket ticket, long now);
