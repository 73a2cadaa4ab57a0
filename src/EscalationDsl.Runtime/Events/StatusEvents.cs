namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The events a status value can be mistaken for: a <c>"csv"</c> mapping's status value can stand for one
/// (<c>"Done": { "event": "resolved" }</c>, docs/importers.md), and a policy's status named after one is linted (ESL034).
/// </summary>
public static class StatusEvents
{
    /// <summary>The event types that need nothing but their time: a status row gives no other value.</summary>
    public static readonly IReadOnlyList<TicketEventKind> Kinds =
    [
        TicketEventKind.Acknowledged,
        TicketEventKind.FirstUpdate,
        TicketEventKind.CustomerUpdate,
        TicketEventKind.WorkaroundFailed,
        TicketEventKind.Resolved,
        TicketEventKind.Closed,
        TicketEventKind.Reopened,
    ];

    /// <summary>
    /// What the event a status value is named after does, for the warning that a plain status does not
    /// ("resolve the ticket"), or null when the value names no such event.
    /// </summary>
    public static string? Done(string? value) => TicketEventKinds.TryParse(value, out var kind) && Kinds.Contains(kind)
        ? kind switch
        {
            TicketEventKind.Acknowledged => "acknowledge the ticket",
            TicketEventKind.FirstUpdate or TicketEventKind.CustomerUpdate => "record a customer update",
            TicketEventKind.WorkaroundFailed => "record a failed workaround",
            TicketEventKind.Resolved => "resolve the ticket",
            TicketEventKind.Closed => "close the ticket",
            _ => "reopen the ticket",
        }
        : null;
}
