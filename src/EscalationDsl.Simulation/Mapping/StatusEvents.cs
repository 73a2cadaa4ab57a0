using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>The events a status value of a <c>"csv"</c> mapping can stand for (<c>"Done": { "event": "resolved" }</c>, docs/importers.md).</summary>
internal static class StatusEvents
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
