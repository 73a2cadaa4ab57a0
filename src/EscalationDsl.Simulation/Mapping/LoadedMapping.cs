namespace EscalationDsl.Simulation.Mapping;

/// <summary>A mapping file read and checked against the policy: exactly one of the three is set.</summary>
/// <param name="ServiceNow">A ServiceNow audit log mapping (<c>"import": "servicenow"</c>).</param>
/// <param name="Events">A generic one-event-per-row mapping (<c>"import": "csv"</c>).</param>
/// <param name="Tickets">A one-row-per-ticket mapping (<c>"import": "tickets"</c>).</param>
public sealed record LoadedMapping(ServiceNowMapping? ServiceNow, EventMapping? Events, TicketMapping? Tickets = null);
