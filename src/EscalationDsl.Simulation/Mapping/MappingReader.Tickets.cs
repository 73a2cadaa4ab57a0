using System.Text.Json;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>Reading a one-row-per-ticket mapping (<c>"import": "tickets"</c>, docs/importers.md).</summary>
internal sealed partial class MappingReader
{
    private TicketMapping ReadTickets(JsonElement root)
    {
        var layout = ReadLayout(root, null, "iso", zoneRequired: true);
        var ticket = Column(root, "ticket") ?? throw Fail("ticket", "required: the column that holds the ticket id");
        var allowed = Names(TicketMapping.Milestones.Select(TicketEventKinds.Name));
        if (!root.TryGetProperty("events", out var json) || json.ValueKind == JsonValueKind.Null)
        {
            throw Fail("events", $"required: an object of event types to the columns that date them, such as {{ \"created\": \"Created at\", \"resolved\": \"Solved at\" }} ({allowed})");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Fail("events", $"must be an object of event types to the columns that date them, such as {{ \"created\": \"Created at\", \"resolved\": \"Solved at\" }} ({allowed})");
        }

        var columns = new Dictionary<TicketEventKind, string>();
        foreach (var entry in json.EnumerateObject())
        {
            var path = $"events.{entry.Name}";
            if (!TicketEventKinds.TryParse(entry.Name, out var kind))
            {
                throw Fail(path, $"'{entry.Name}' is not an event type; a ticket export maps {allowed}{TicketEventKinds.Meant(entry.Name, "; did you mean ", "?")}");
            }

            if (!TicketMapping.Milestones.Contains(kind))
            {
                throw Fail(path, $"a ticket row cannot give {entry.Name} events: it holds one value per column, as the ticket ended, and one time per milestone; a ticket export maps {allowed}");
            }

            columns[kind] = Column(json, entry.Name, path) ?? throw Fail(path, "must be a column name (a string)");
        }

        if (!columns.ContainsKey(TicketEventKind.Created))
        {
            throw Fail("events.created", "required: the column that holds when the ticket was created (a ticket starts with created)");
        }

        var owner = ReadMap(root, "owner", MapKind.Owner);
        if (columns.ContainsKey(TicketEventKind.Assigned) && owner is null)
        {
            throw Fail("events.assigned", "an assignment needs its owner: map the column that names it under \"owner\" (or leave assigned out)");
        }

        return new TicketMapping
        {
            Layout = layout,
            Ticket = ticket,
            Events = [.. TicketMapping.Milestones.Where(columns.ContainsKey).Select(k => new MilestoneColumn(k, columns[k]))],
            Severity = ReadMap(root, "severity", MapKind.Severity),
            IssueType = ReadMap(root, "issueType", MapKind.IssueType),
            Owner = owner,
            Engineering = ReadMap(root, "engineering", MapKind.Engineering),
            Queue = Column(root, "queue"),
            Category = Column(root, "category"),
            Fields = ReadFields(root, []),
        };
    }
}
