namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The engine's rule for event ids: an event sent again under its id is a retry, applied once; another
/// event under a used id is refused. A retry may be serialised anew, so events are compared by what
/// they mean, not by their bytes.
/// </summary>
public static class EventIds
{
    /// <summary>Whether two events say the same thing: every parsed member but the id, field values in any order.</summary>
    public static bool Same(TicketEvent a, TicketEvent b) =>
        a with { EventId = null, Fields = null } == b with { EventId = null, Fields = null }
        && Fields(a).SequenceEqual(Fields(b));

    // JSON members have no order, so a client that re-serialises an event may reorder its fields.
    private static IEnumerable<(string, string)> Fields(TicketEvent e) =>
        (e.Fields ?? []).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (f.Key, f.Value));
}
