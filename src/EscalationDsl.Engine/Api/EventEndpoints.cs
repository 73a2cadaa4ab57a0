using System.Runtime.InteropServices;
using System.Text.Json;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscalationDsl.Engine.Api;

/// <summary><c>POST /v1/events</c> and <c>POST /v1/events:batch</c>.</summary>
internal static class EventEndpoints
{
    /// <summary>The longest ticket id a created event may have, in UTF-16 code units.</summary>
    internal const int MaxTicketIdLength = 512;

    /// <summary>The batch endpoint's path.</summary>
    internal const string BatchPath = "/v1/events:batch";

    public static void Map(IEndpointRouteBuilder app, EngineOptions options)
    {
        app.MapPost("/v1/events", async (HttpRequest request, EngineLoop loop) =>
            {
                var (body, problem) = await JsonBody.ReadAsync(request);
                if (problem is not null)
                {
                    return problem;
                }

                using (body)
                {
                    if (body!.Root.ValueKind != JsonValueKind.Object)
                    {
                        return Problems.BadRequest("The body must be a JSON object: one event (docs/events.md). Send several events to POST /v1/events:batch.");
                    }

                    if (ParseEvent(body.Root, null, string.Empty, out var error) is not { } e)
                    {
                        return error!;
                    }

                    var item = new IngestItem([e], batch: false, [JsonMarshal.GetRawUtf8Value(body.Root).ToArray()]);
                    loop.Post(item);
                    var (results, failure) = await item.Task;
                    return failure is not null ? Problems.From(failure) : Results.Ok(results![0]);
                }
            })
            .Accepts<EventDocument>("application/json")
            .Produces<EventResult>()
            .ProducesEventProblems()
            .WithName("PostEvent")
            .WithSummary("Accept one ticket event; idempotent by event id.");

        app.MapPost(BatchPath, (HttpRequest request, EngineLoop loop) =>
                JsonLinesBody.Is(request.ContentType) ? PostJsonLinesAsync(request, loop, options) : PostBatchAsync(request, loop, options))
            .Accepts<BatchDocument>("application/json", JsonLinesBody.MediaType)
            .Produces<BatchResult>()
            .ProducesEventProblems()
            .WithName("PostEventBatch")
            .WithSummary("Accept many events in one transaction: all are applied or none.")
            .WithDescription($"The body is JSON, {{\"events\": [...]}} or an array of events, or JSON Lines ({JsonLinesBody.MediaType}): one event a line, as the event files esc explain and esc sim read; a blank line or one starting with # is skipped.");
    }

    private static async Task<IResult> PostBatchAsync(HttpRequest request, EngineLoop loop, EngineOptions options)
    {
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var root = body!.Root;

            // As in an event, a member the batch does not have is an error, not silently dropped;
            // named before a missing "events", since it is most often that name misspelt.
            if (root.ValueKind == JsonValueKind.Object && Extra(root) is { } extra)
            {
                return Problems.BadRequest($"'{extra}' is not a member of a batch: the body is {{\"events\": [ ... ]}}, and every event goes inside that list.", extra);
            }

            // Two lists would be one, the last, with the events of the first silently dropped.
            if (root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count(m => m.NameEquals("events"u8)) > 1)
            {
                return Problems.BadRequest("'events' is given twice: the body is {\"events\": [ ... ]}, one list that holds every event; keep one (the last would silently win).", "events");
            }

            var array = root.ValueKind == JsonValueKind.Array ? root
                : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
                : (JsonElement?)null;
            if (array is not { } list)
            {
                return Problems.BadRequest("The body must be {\"events\": [ ... ]} or a JSON array of events.", root.ValueKind == JsonValueKind.Object ? "events" : null);
            }

            var count = list.GetArrayLength();
            if (count == 0 || count > options.MaxBatchEvents)
            {
                return Problems.BadRequest($"A batch holds 1 to {options.MaxBatchEvents} events, not {count}.", "events");
            }

            return await IngestAsync(loop, [.. list.EnumerateArray().Select((element, index) => (element, $"events[{index}]"))], lines: null);
        }
    }

    /// <summary>
    /// A batch as JSON Lines: checked and answered as a JSON batch, except that a problem with one
    /// event names its line (<c>line 4: type: ...</c>) and its <c>field</c> is the member of that line's event.
    /// </summary>
    private static async Task<IResult> PostJsonLinesAsync(HttpRequest request, EngineLoop loop, EngineOptions options)
    {
        var (body, problem) = await JsonLinesBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        using (body)
        {
            var count = body!.Lines.Count;
            if (count == 0 || count > options.MaxBatchEvents)
            {
                return Problems.BadRequest($"A batch holds 1 to {options.MaxBatchEvents} events, not {count}{(count == 0 ? ": the body has no event line (blank lines and lines starting with # are skipped)" : "")}.");
            }

            return await IngestAsync(loop, [.. body.Lines.Select(l => (l.Event, $"line {l.Line}"))], [.. body.Lines.Select(l => l.Line)]);
        }
    }

    /// <summary>
    /// Checks each event (<paramref name="events"/> with where it is in the request, for messages) and
    /// applies them in one transaction. With <paramref name="lines"/> (a JSON Lines body), a refusal
    /// the engine names as <c>events[N].member</c> names the event's line instead.
    /// </summary>
    private static async Task<IResult> IngestAsync(EngineLoop loop, List<(JsonElement Element, string Where)> events, List<long>? lines)
    {
        var parsed = new List<TicketEvent>(events.Count);
        var raw = new List<byte[]>(events.Count);
        foreach (var (element, where) in events)
        {
            if (ParseEvent(element, where, lines is null ? where + "." : string.Empty, out var error) is not { } e)
            {
                return error!;
            }

            parsed.Add(e);
            raw.Add(JsonMarshal.GetRawUtf8Value(element).ToArray());
        }

        var item = new IngestItem(parsed, batch: true, raw);
        loop.Post(item);
        var (results, failure) = await item.Task;
        return failure is null ? Results.Ok(new BatchResult(results!))
            : Problems.From(lines is null ? failure : OnItsLine(failure, lines));
    }

    /// <summary>A refusal naming <c>events[N].member</c> as one naming the event's line, with the member as its field.</summary>
    private static EngineError OnItsLine(EngineError error, List<long> lines)
    {
        const string Prefix = "events[";
        if (error.Field is { } field && field.StartsWith(Prefix, StringComparison.Ordinal)
            && field.IndexOf(']', StringComparison.Ordinal) is var close and > 0
            && int.TryParse(field.AsSpan(Prefix.Length, close - Prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < lines.Count)
        {
            var member = field[(close + 1)..].TrimStart('.');
            return error with { Detail = $"line {lines[index]}: {error.Detail}", Field = member.Length == 0 ? null : member };
        }

        return error;
    }

    /// <summary>
    /// The problems both event endpoints answer (docs/engine.md, Events): a bad body, no key, an
    /// unknown ticket, a conflict, a body too large, not JSON, a ticket that cannot be rebuilt or a
    /// bug, and a store that fails or an engine that stops.
    /// </summary>
    private static RouteHandlerBuilder ProducesEventProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(400)
        .ProducesProblem(401)
        .ProducesProblem(404)
        .ProducesProblem(409)
        .ProducesProblem(413)
        .ProducesProblem(415)
        .ProducesProblem(500)
        .ProducesProblem(503);

    /// <summary>
    /// The first member of a batch object other than <c>events</c>, or null; as written (escapes
    /// kept), since a name such as <c>"\ud800"</c> is not text.
    /// </summary>
    private static string? Extra(JsonElement batch)
    {
        foreach (var member in batch.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                return System.Text.Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(member));
            }

            if (name != "events")
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The event, or null with the problem to answer. <paramref name="where"/> names the event in the
    /// request (<c>events[3]</c>, <c>line 4</c>) for the detail, null for a lone event;
    /// <paramref name="fieldPrefix"/> goes before the member a problem names (<c>events[3].</c>, or
    /// empty), and an event that is wrong as a whole has that prefix as its field (none when empty).
    /// </summary>
    private static TicketEvent? ParseEvent(JsonElement element, string? where, string fieldPrefix, out IResult? problem)
    {
        problem = null;
        var at = where is null ? string.Empty : where + ": ";
        var whole = fieldPrefix.Length == 0 ? null : fieldPrefix[..^1];
        var e = TicketEventJson.Parse(element, out var error, out var member);
        if (e is null)
        {
            problem = Problems.BadRequest(at + error, member is null ? whole : fieldPrefix + member);
            return null;
        }

        // A ticket id is part of the read API's URLs, which cannot carry control characters.
        if (e.TicketId.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || e.TicketId.Contains('\u007f', StringComparison.Ordinal))
        {
            problem = Problems.BadRequest($"{at}ticket: must not contain control characters (such as a tab, a line break or NUL): the id is part of URLs such as GET /v1/tickets/{{id}}.", fieldPrefix + "ticket");
            return null;
        }

        // Nor can they name "." or ".." (a URL drops such a segment), nor an id longer than a request
        // line holds (8 KB; 512 characters take at most 4.5 KB percent-encoded). Checked when a ticket
        // is created only, so a ticket created by an older engine can still take its later events.
        if (e.Kind == TicketEventKind.Created && (e.TicketId.Length > MaxTicketIdLength || e.TicketId is "." or ".."))
        {
            var why = e.TicketId.Length > MaxTicketIdLength
                ? $"must be at most {MaxTicketIdLength} characters, not {e.TicketId.Length}: the id is part of URLs such as GET /v1/tickets/{{id}}."
                : "must not be '.' or '..': a URL drops such a path segment, so GET /v1/tickets/{id} could not name the ticket.";
            problem = Problems.BadRequest($"{at}ticket: {why}", fieldPrefix + "ticket");
            return null;
        }

        if (string.IsNullOrEmpty(e.EventId))
        {
            problem = Problems.BadRequest($"{at}id: every event needs a unique id, so a retried request is applied once.", fieldPrefix + "id");
            return null;
        }

        return e;
    }
}
