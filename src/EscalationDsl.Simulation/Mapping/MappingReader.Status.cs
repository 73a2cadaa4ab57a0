using System.Text.Json;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>Reading a csv mapping's status values that stand for events (docs/importers.md).</summary>
internal sealed partial class MappingReader
{
    /// <summary>The event a status value stands for: <c>{ "event": "resolved" }</c>.</summary>
    private TicketEventKind StatusEvent(JsonElement json, string path)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name != "event")
            {
                throw Fail($"{path}.{property.Name}", "unknown key; a status value that stands for an event is { \"event\": \"resolved\" }");
            }
        }

        var allowed = Names(StatusEvents.Kinds.Select(TicketEventKinds.Name));
        var name = OptionalString(json, "event", $"{path}.event") ?? throw Fail($"{path}.event", $"required: the event type the status stands for ({allowed})");
        if (!TicketEventKinds.TryParse(name, out var kind))
        {
            throw Fail($"{path}.event", $"'{name}' is not an event type; a status can stand for {allowed}{TicketEventKinds.Meant(name, "; did you mean ", "?")}");
        }

        return StatusEvents.Kinds.Contains(kind)
            ? kind
            : throw Fail($"{path}.event", $"a status cannot stand for {English.Article(name)} {name} event: it carries values of its own, which a status row does not give; a status can stand for {allowed}");
    }
}
