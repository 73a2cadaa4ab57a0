using System.Globalization;
using System.Text.Json.Nodes;
using EscalationDsl.Runtime.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Makes the generated OpenAPI document say what the engine writes and reads where the generator,
/// which describes the C# records, says otherwise: a nullable member is left out of an answer
/// (EngineJson writes no nulls), not required and null; an event needs only <c>id</c>,
/// <c>ticket</c>, <c>at</c> and <c>type</c>, its <c>fields</c> take numbers and booleans too, and
/// a batch may be a bare array (docs/events.md, docs/engine.md); a problem may name its
/// <c>field</c>; an answer also given as text lists it; a HEAD operation has its own operationId and no body.
/// </summary>
internal static class OpenApiContract
{
    /// <summary>Endpoint metadata: its 200 answer is also given as <c>text/plain</c>, to a request whose <c>Accept</c> prefers it.</summary>
    internal sealed class AlsoAsText;

    /// <summary>The schemas of request bodies: the engine takes an explicit null for each optional member.</summary>
    private static readonly HashSet<string> Requests = [nameof(EventDocument), nameof(BatchDocument)];

    public static void Configure(OpenApiOptions openApi, EngineOptions options)
    {
        openApi.AddOperationTransformer((operation, context, _) =>
        {
            // A second Produces for the same status replaces the first: the text answer is added here.
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AlsoAsText>().Any() && operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                ok.Content["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }

            if (operation.OperationId == DeliveryEndpoints.ListName)
            {
                Paging(operation);
            }

            if (HttpMethods.IsHead(context.Description.HttpMethod ?? string.Empty))
            {
                Head(operation);
            }

            return Task.CompletedTask;
        });
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            // The generator names the address the document was asked at, with a trailing slash; behind
            // a proxy that is an address clients cannot reach. "/" is the host that served the document.
            document.Servers = [new OpenApiServer { Url = "/" }];
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description ??= "The escalation engine's API (docs/engine.md, HTTP API).";
            }

            var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, schema) in schemas)
            {
                if (schema is OpenApiSchema members)
                {
                    OptionalWhenNullable(members, keepNull: Requests.Contains(name));
                }
            }

            if (schemas.TryGetValue(nameof(EventDocument), out var e) && e is OpenApiSchema eventSchema)
            {
                Event(eventSchema);
            }

            if (schemas.TryGetValue(nameof(BatchDocument), out var b) && b is OpenApiSchema batch)
            {
                schemas[nameof(BatchDocument)] = Batch(batch, document, options.MaxBatchEvents);
            }

            JsonLinesBodies(document);

            if (schemas.TryGetValue("ProblemDetails", out var p) && p is OpenApiSchema problem)
            {
                problem.Properties ??= new Dictionary<string, IOpenApiSchema>();
                problem.Properties["field"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The JSON path of the member of the body at fault (events[3].severity); absent when the fault is the body as a whole, the path or the method.",
                };
                problem.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's W3C trace id (traceparent)." };
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A nullable member is not required. In an answer it is never null either (it is left out), so
    /// null is taken out of its type; a request keeps it, since the engine takes an explicit null.
    /// </summary>
    private static void OptionalWhenNullable(OpenApiSchema schema, bool keepNull)
    {
        foreach (var (name, member) in schema.Properties?.ToList() ?? [])
        {
            var nullable = member switch
            {
                OpenApiSchema { Type: { } type } => type.HasFlag(JsonSchemaType.Null),
                OpenApiSchema { OneOf: { } either } => either.Any(IsNull),
                _ => false,
            };
            if (!nullable)
            {
                continue;
            }

            schema.Required?.Remove(name);
            if (keepNull)
            {
                continue;
            }

            if (member is OpenApiSchema { Type: { } written } inline)
            {
                inline.Type = written & ~JsonSchemaType.Null;
            }
            else if (member is OpenApiSchema { OneOf: { } alternatives } && alternatives.Where(a => !IsNull(a)).ToList() is [var only])
            {
                schema.Properties![name] = only;
            }
        }
    }

    private static bool IsNull(IOpenApiSchema schema) => schema is OpenApiSchema { Type: JsonSchemaType.Null };

    /// <summary>The event as TicketEventJson.Parse and the endpoint take it (docs/events.md, Fields).</summary>
    private static void Event(OpenApiSchema schema)
    {
        // Unknown members are refused (400), as is an empty id, ticket, at or type.
        schema.AdditionalPropertiesAllowed = false;
        foreach (var required in new[] { "id", "ticket", "at", "type" })
        {
            if (schema.Properties?[required] is OpenApiSchema member)
            {
                member.MinLength = 1;
            }
        }

        if (schema.Properties?["at"] is OpenApiSchema at)
        {
            at.Format = "date-time";
        }

        if (schema.Properties?["type"] is OpenApiSchema type)
        {
            type.Enum = [.. TicketEventKinds.All.Select(k => (JsonNode)JsonValue.Create(k))];
        }

        if (schema.Properties?["fields"] is OpenApiSchema fields)
        {
            // A value is a string, a number, true, false, or null to clear the field.
            fields.AdditionalProperties = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Boolean | JsonSchemaType.Null,
            };
        }
    }

    /// <summary>A batch: <c>{"events": [...]}</c> or a bare array of events, 1 to Engine:MaxBatchEvents of them.</summary>
    private static OpenApiSchema Batch(OpenApiSchema wrapped, OpenApiDocument document, int maxEvents)
    {
        wrapped.AdditionalPropertiesAllowed = false;
        var description = wrapped.Description;
        wrapped.Description = null;
        if (wrapped.Properties?["events"] is OpenApiSchema events)
        {
            events.MinItems = 1;
            events.MaxItems = maxEvents;
        }

        var bare = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchemaReference(nameof(EventDocument), document),
            MinItems = 1,
            MaxItems = maxEvents,
        };
        return new OpenApiSchema { Description = description, OneOf = [wrapped, bare] };
    }

    /// <summary>
    /// A JSON Lines request body is one event a line: its schema is the event's (the generator gives it
    /// the JSON body's, a batch).
    /// </summary>
    private static void JsonLinesBodies(OpenApiDocument document)
    {
        foreach (var operation in document.Paths?.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []) ?? [])
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue(JsonLinesBody.MediaType, out var media) && media is OpenApiMediaType lines)
            {
                lines.Schema = new OpenApiSchemaReference(nameof(EventDocument), document);
            }
        }
    }

    /// <summary>
    /// The list of dead letters' query: its paging parameters, which the endpoint reads as text so that
    /// a bad one gets a problem naming it, are a whole number and a cursor.
    /// </summary>
    private static void Paging(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            switch (parameter.Name)
            {
                case "status":
                    parameter.Description = "dead, the only status listed (the same when left out).";
                    parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("dead")] };
                    break;
                case "sink":
                    parameter.Description = "Only the dead letters of this sink.";
                    break;
                case "limit":
                    parameter.Description = $"The most dead letters a page lists, 1 to {DeliveryEndpoints.MaxListed}.";
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Minimum = "1",
                        Maximum = DeliveryEndpoints.MaxListed.ToString(CultureInfo.InvariantCulture),
                        Default = JsonValue.Create(DeliveryEndpoints.MaxListed),
                    };
                    break;
                case "after":
                    parameter.Description = "The cursor that ends the previous page's next link: this page starts after that page's last dead letter.";
                    break;
            }
        }
    }

    /// <summary>
    /// A HEAD operation: its own operationId (one shared with its GET breaks the rule that ids are
    /// unique, and clients generated from the document), and answers without a body.
    /// </summary>
    private static void Head(OpenApiOperation operation)
    {
        if (operation.OperationId is { } id)
        {
            operation.OperationId = id + "Head";
        }

        foreach (var (status, response) in operation.Responses?.ToList() ?? [])
        {
            operation.Responses![status] = new OpenApiResponse { Description = response.Description, Headers = response.Headers };
        }
    }
}
