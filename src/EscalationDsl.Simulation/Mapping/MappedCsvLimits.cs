using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// What an export read through a <c>"csv"</c> mapping cannot tell (docs/importers.md, "What a mapped
/// export cannot tell"): the events its mapping cannot give, or that no row of the export gave, and
/// the SLA components that are therefore met only by resolution.
/// </summary>
internal static class MappedCsvLimits
{
    /// <summary>
    /// The caveats and the unobserved SLA components. <paramref name="seen"/> says whether a row gave
    /// an event of a type; null when the export was not read to its end, so only the mapping can tell.
    /// <paramref name="inferredReopens"/> counts the reopens the reader inferred from status rows.
    /// </summary>
    public static (IReadOnlyList<string> Caveats, IReadOnlySet<string> Unobserved) Of(EventMapping mapping, Func<TicketEventKind, bool>? seen, long inferredReopens)
    {
        var caveats = new List<string>();
        var unobserved = new HashSet<string>(StringComparer.Ordinal);

        // Each limit holds when no row gave such an event; the cause says whether the mapping could give one at all.
        string? Missing(params TicketEventKind[] kinds)
        {
            var listed = kinds.Any(k => Gives(mapping, k));
            if (seen is null ? listed : kinds.Any(seen))
            {
                return null;
            }

            var names = string.Join(" or ", kinds.Select(TicketEventKinds.Name));
            return listed
                ? $"No row of the export is {Language.Text.English.Article(names)} {names} event"
                : $"The mapping maps no value of the {mapping.Type.Column} column to {names}";
        }

        if (Missing(TicketEventKind.Acknowledged) is { } noAck)
        {
            caveats.Add($"{noAck}, so acknowledge is met only by resolution.");
            unobserved.Add("acknowledge");
        }

        if (Missing(TicketEventKind.FirstUpdate, TicketEventKind.CustomerUpdate) is { } noUpdate)
        {
            caveats.Add($"{noUpdate}, so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.");
            unobserved.UnionWith(["first_update", "update"]);
        }

        if (Missing(TicketEventKind.Assigned) is { } noAssignment)
        {
            caveats.Add($"{noAssignment}, so recorded assignments are not seen: assign is met only by the policy's own assignments to engineering, or by resolution.");
        }

        if (Missing(TicketEventKind.Mitigation) is { } noMitigation)
        {
            caveats.Add($"{noMitigation}, so mitigate is met only by resolution.");
            unobserved.Add("mitigate");
        }

        if (Missing(TicketEventKind.Resolved, TicketEventKind.Closed) is { } noResolution)
        {
            caveats.Add($"{noResolution}, so no ticket is resolved: every ticket is open at the end of the input and resolve is never met"
                + (mapping.Status is { } status && seen is not null ? $" (a value of the {status.Column} column can stand for the event: \"Done\": {{ \"event\": \"resolved\" }} under \"status\".\"values\")." : "."));
        }

        if (Missing(TicketEventKind.Status) is { } noStatus)
        {
            caveats.Add($"{noStatus}, so pauses on the status (pause sla while status == ...) never start and time spent waiting on the customer counts against the targets.");
        }

        // A severity is read on created rows: only a severity_changed row can change it later, and an export rarely has one per ticket.
        if (mapping.Severity is not null && !Gives(mapping, TicketEventKind.SeverityChanged) && seen?.Invoke(TicketEventKind.SeverityChanged) != true)
        {
            caveats.Add($"The mapping maps no value of the {mapping.Type.Column} column to severity_changed, so a ticket keeps the severity it was created with: a severity raised later is not seen, and the ticket is measured against its first severity's targets.");
        }

        if (mapping.Owner is null)
        {
            caveats.Add("No column is mapped to owner, so a ticket has only the owners the policy's own rules give it, and the owner queues are those owners.");
        }

        if (mapping.UnsetFlags.Count > 0)
        {
            caveats.Add($"No column raises the flag{(mapping.UnsetFlags.Count == 1 ? "" : "s")} {string.Join(", ", mapping.UnsetFlags)} (under \"fields\", or under \"flag\" on flagged rows), so rules that wait for {(mapping.UnsetFlags.Count == 1 ? "it" : "them")} (page only when, on FLAG) never see {(mapping.UnsetFlags.Count == 1 ? "it" : "them")} raised.");
        }

        if (inferredReopens > 0)
        {
            var count = inferredReopens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            caveats.Add(inferredReopens == 1
                ? "1 reopen is inferred: no row says reopened, but a status row moved a resolved or closed ticket to another status, so the ticket is reopened at that row's time."
                : $"{count} reopens are inferred: no row says reopened, but status rows moved resolved or closed tickets to another status, so each ticket is reopened at that row's time.");
        }

        return (caveats, unobserved);
    }

    /// <summary>Whether the mapping names the event type: a value of the type column, its default, or a status value that stands for it.</summary>
    private static bool Gives(EventMapping mapping, TicketEventKind kind)
    {
        var name = TicketEventKinds.Name(kind);
        var type = mapping.Type;

        // Without a table or a default every value passes through as written: the column holds the types themselves.
        return type.Table.Count == 0 && !type.HasDefault
            || type.Table.Values.Contains(name)
            || type.HasDefault && type.Default == name
            || mapping.StatusEvents.Values.Contains(kind);
    }
}
