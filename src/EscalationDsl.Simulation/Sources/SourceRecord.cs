using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Sources;

/// <summary>
/// One item from an event source: an event with the row it came from, a problem with that row, or
/// the end of a ticket's rows. Importers may also say which queue and category the ticket is in from
/// this event on, in the source system's own words (report dimensions; the policy never sees them).
/// </summary>
/// <param name="Kind">Event, problem or ticket end.</param>
/// <param name="Row">The 1-based line of the row (CSV: the header is line 1; JSON Lines: the line).</param>
/// <param name="Event">The event, for <see cref="SourceRecordKind.Event"/>.</param>
/// <param name="Message">What is wrong, for <see cref="SourceRecordKind.Problem"/>; names the column or field.</param>
/// <param name="TicketId">The ticket, for <see cref="SourceRecordKind.TicketEnd"/> (and problems when known).</param>
/// <param name="Queue">The source's queue (assignment group) from this event on, or null to derive it from the event's owner.</param>
/// <param name="Category">The source's category from this event on, or null to use the policy's issue type.</param>
/// <param name="SkippedKind">
/// For a problem that names its ticket: the type of the event the row gave, when it reads (a row of another
/// type cannot have held the ticket's created event); null when the row may have held any.
/// </param>
public readonly record struct SourceRecord(
    SourceRecordKind Kind,
    long Row,
    TicketEvent? Event,
    string? Message,
    string? TicketId,
    string? Queue,
    string? Category,
    TicketEventKind? SkippedKind = null)
{
    /// <summary>An event read from a row.</summary>
    public static SourceRecord ForEvent(TicketEvent e, long row, string? queue = null, string? category = null) =>
        new(SourceRecordKind.Event, row, e, null, e.TicketId, queue, category);

    /// <summary>
    /// A row that is skipped, and why; a cell the message quotes shows bytes that were not UTF-8 as U+FFFD.
    /// <paramref name="ticketId"/> and <paramref name="kind"/>: the ticket and event type the row gave, when they read.
    /// </summary>
    public static SourceRecord ForProblem(long row, string message, string? ticketId = null, TicketEventKind? kind = null) =>
        new(SourceRecordKind.Problem, row, null, TicketEventJson.Shown(message), ticketId, null, null, kind);

    /// <summary>No more events will come for the ticket.</summary>
    public static SourceRecord ForTicketEnd(string ticketId, long row) =>
        new(SourceRecordKind.TicketEnd, row, null, null, ticketId, null, null);
}
