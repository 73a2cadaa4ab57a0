using System.Text;
using System.Text.Json;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The ticket and event type a JSON Lines line still names when it is no event (a bad time, an unknown
/// member, a line cut short): the replay then tells that ticket's later events that the skipped line
/// held, or may have held, their created event, rather than that none was read (docs/events.md).
/// </summary>
internal static class BadLineTicket
{
    /// <summary>
    /// The top-level <c>ticket</c> and <c>type</c> members read up to the first thing that is not JSON:
    /// each a string that is valid text, given once (or twice alike); the ticket not empty, the type an
    /// event type. The type is left unread when more than a comma follows the object (another event may
    /// be on the line). A line whose ticket does not read names none.
    /// </summary>
    public static (string? Ticket, TicketEventKind? Kind) Of(string text)
    {
        // Bytes that were not UTF-8 read as U+FFFD here, and a ticket or type holding one is not trusted.
        var bytes = Encoding.UTF8.GetBytes(TicketEventJson.Shown(text));
        var reader = new Utf8JsonReader(bytes);
        string? ticket = null;
        string? type = null;
        var (ticketUnknown, typeUnknown, closed) = (false, false, false);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    closed = true;
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var isTicket = reader.ValueTextEquals("ticket"u8);
                var isType = !isTicket && reader.ValueTextEquals("type"u8);
                if (!reader.Read() || !(isTicket || isType))
                {
                    continue;
                }

                var value = reader.TokenType == JsonTokenType.String && JsonText.TryGet(ref reader, out var read) && !read.Contains('\uFFFD') ? read : null;
                if (isTicket)
                {
                    Keep(ref ticket, ref ticketUnknown, value);
                }
                else
                {
                    Keep(ref type, ref typeUnknown, value);
                }
            }
        }
        catch (JsonException)
        {
            // The line stops being JSON here: what was read before still names the ticket.
        }

        if (ticketUnknown || string.IsNullOrEmpty(ticket))
        {
            return (null, null);
        }

        var rest = closed ? Encoding.UTF8.GetString(bytes.AsSpan((int)reader.BytesConsumed)).Trim() : string.Empty;
        var single = rest.Length == 0 || rest == ",";
        return (ticket, !typeUnknown && single && TicketEventKinds.TryParse(type, out var kind) ? kind : null);
    }

    /// <summary>A member's value; one given again with another value (or one that does not read) leaves it unknown.</summary>
    private static void Keep(ref string? kept, ref bool unknown, string? value)
    {
        if (value is null || kept is not null && kept != value)
        {
            unknown = true;
        }

        kept = value;
    }
}
