namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The engine's rule for event ids, shared with event files (esc sim, esc explain): an event sent again
/// under its id is a retry, applied once; another event under a used id is refused. A retry may be
/// serialised anew, so events are compared by what they mean, not by their bytes.
/// </summary>
public static class EventIds
{
    /// <summary>Whether two events say the same thing: every parsed member but the id, field values in any order.</summary>
    public static bool Same(TicketEvent a, TicketEvent b) =>
        a with { EventId = null, Fields = null } == b with { EventId = null, Fields = null }
        && Fields(a).SequenceEqual(Fields(b));

    /// <summary>
    /// Why an event file's event cannot reuse <paramref name="id"/>: <paramref name="earlier"/>, at
    /// <paramref name="where"/> (such as <c>line 12</c>), is another event.
    /// </summary>
    public static string UsedInFile(string id, TicketEvent earlier, string where) =>
        $"event id '{id}' was already used for another event on {where} ({TicketEventKinds.Name(earlier.Kind)} of ticket '{earlier.TicketId}' at {TicketEventJson.FormatTime(earlier.At)}); give every event its own id, and repeat exactly the same event for a retry";

    // JSON members have no order, so a client that re-serialises an event may reorder its fields.
    private static IEnumerable<(string, string)> Fields(TicketEvent e) =>
        (e.Fields ?? []).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value));
}
