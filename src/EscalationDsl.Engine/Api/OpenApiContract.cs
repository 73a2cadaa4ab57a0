using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Makes the generated OpenAPI document say what the engine writes and reads where the generator,
/// which describes the C# records, says otherwise: a nullable member is left out of an answer
/// (EngineJson writes no nulls), not required and null; a problem may name its <c>field</c>.
/// </summary>
internal static class OpenApiContract
{
    /// <summary>The schemas of request bodies: the engine takes an explicit null for each optional member.</summary>
    private static readonly HashSet<string> Requests = [nameof(EventDocument), nameof(BatchDocument)];

    public static void Configure(OpenApiOptions openApi, EngineOptions options)
    {
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
            foreach (var (name, schema) in schemas)
            {
                if (schema is OpenApiSchema members)
                {
                    OptionalWhenNullable(members, keepNull: Requests.Contains(name));
                }
            }

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
}
