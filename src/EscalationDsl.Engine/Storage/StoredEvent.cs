using System.Text.Json;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Storage;

/// <summary>An event as the log stores it: its canonical JSON in the <c>events.body</c> column.</summary>
internal static class StoredEvent
{
    /// <summary>
    /// The event a stored body holds. A body that is missing (NULL), not JSON or not an event (a damaged
    /// row, or one edited by hand) throws <see cref="InvalidDataException"/> (or <see cref="JsonException"/>),
    /// which makes the ticket's log not replay.
    /// </summary>
    public static TicketEvent Parse(string? body, string ticketId)
    {
        using var doc = JsonDocument.Parse(body ?? throw new InvalidDataException($"stored event of ticket {ticketId} has no body"));
        // As stored: an event taken before a member given twice was refused replays as it ran.
        return TicketEventJson.ParseStored(doc.RootElement, out var error)
            ?? throw new InvalidDataException($"stored event of ticket {ticketId} does not parse: {error}");
    }
}
