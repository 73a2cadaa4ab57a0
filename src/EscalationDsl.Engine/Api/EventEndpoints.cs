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
    public static void Map(IEndpointRouteBuilder app, EngineOptions options)
    {
        app.MapPost("/v1/events", async (HttpRequest request, EngineLoop loop) =>
            {
                var (document, problem) = await ReadJson(request);
                if (problem is not null)
                {
                    return problem;
                }

                using (document)
                {
                    if (ParseEvent(document!.RootElement, string.Empty, out var error) is not { } e)
                    {
                        return error!;
                    }

                    var item = new IngestItem([e], batch: false, [JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray()]);
                    loop.Post(item);
                    var (results, failure) = await item.Task;
                    return failure is not null ? Problems.From(failure) : Results.Ok(results![0]);
                }
            })
            .Accepts<EventDocument>("application/json")
            .Produces<EventResult>()
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(404)
            .ProducesProblem(409)
            .WithName("PostEvent")
            .WithSummary("Accept one ticket event; idempotent by event id.");

        app.MapPost("/v1/events:batch", async (HttpRequest request, EngineLoop loop) =>
            {
                var (document, problem) = await ReadJson(request);
                if (problem is not null)
                {
                    return problem;
                }

                using (document)
                {
                    var root = document!.RootElement;
                    var array = root.ValueKind == JsonValueKind.Array ? root
                        : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var inner) && inner.ValueKind == JsonValueKind.Array ? inner
                        : (JsonElement?)null;
                    if (array is not { } list)
                    {
                        return Problems.BadRequest("The body must be {\"events\": [ ... ]} or a JSON array of events.", "events");
                    }

                    var count = list.GetArrayLength();
                    if (count == 0 || count > options.MaxBatchEvents)
                    {
                        return Problems.BadRequest($"A batch holds 1 to {options.MaxBatchEvents} events, not {count}.", "events");
                    }

                    var events = new List<TicketEvent>(count);
                    var raw = new List<byte[]>(count);
                    var index = 0;
                    foreach (var element in list.EnumerateArray())
                    {
                        if (ParseEvent(element, $"events[{index}].", out var error) is not { } e)
                        {
                            return error!;
                        }

                        events.Add(e);
                        raw.Add(JsonMarshal.GetRawUtf8Value(element).ToArray());
                        index++;
                    }

                    var item = new IngestItem(events, batch: true, raw);
                    loop.Post(item);
                    var (results, failure) = await item.Task;
                    return failure is not null ? Problems.From(failure) : Results.Ok(new BatchResult(results!));
                }
            })
            .Accepts<BatchDocument>("application/json")
            .Produces<BatchResult>()
            .ProducesProblem(400)
            .ProducesProblem(401)
            .ProducesProblem(404)
            .ProducesProblem(409)
            .WithName("PostEventBatch")
            .WithSummary("Accept many events in one transaction: all are applied or none.");
    }

    private static TicketEvent? ParseEvent(JsonElement element, string prefix, out IResult? problem)
    {
        problem = null;
        var e = TicketEventJson.Parse(element, out var error);
        if (e is null)
        {
            var colon = error!.IndexOf(':', StringComparison.Ordinal);
            problem = Problems.BadRequest(prefix.Length == 0 ? error : $"{prefix[..^1]}: {error}", prefix + (colon > 0 ? error[..colon] : string.Empty));
            return null;
        }

        if (string.IsNullOrEmpty(e.EventId))
        {
            problem = Problems.BadRequest($"{(prefix.Length == 0 ? "" : prefix[..^1] + ": ")}id: every event needs a unique id, so a retried request is applied once.", prefix + "id");
            return null;
        }

        return e;
    }

    /// <summary>Reads the body as JSON within the configured size limit.</summary>
    internal static async Task<(JsonDocument? Document, IResult? Problem)> ReadJson(HttpRequest request)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.From(new EngineError(415, "Unsupported media type", $"Send JSON (Content-Type: application/json), not '{type}'.")));
        }

        try
        {
            return (await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"The body is not valid JSON: {e.Message.Split(". ")[0]}."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.From(new EngineError(413, "Request too large", "The body is larger than Engine:MaxRequestBytes; split the batch.")));
        }
    }
}
