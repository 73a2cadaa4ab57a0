using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Declares the API key in the OpenAPI document: a bearer <c>securitySchemes</c> entry, and a
/// <c>security</c> requirement and a <c>401</c> answer on exactly the operations <see cref="KeyCheck"/>
/// asks a key of (reads too under Engine:RequireKeyForReads).
/// </summary>
internal static class OpenApiSecurity
{
    private const string Scheme = "apiKey";

    public static void Configure(OpenApiOptions openApi, bool keyForReads)
    {
        openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: Authorization: Bearer KEY (docs/engine.md, Security).",
            };
            return Task.CompletedTask;
        });
        openApi.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            if (KeyCheck.Needed([.. description.ActionDescriptor.EndpointMetadata], description.HttpMethod ?? "GET", keyForReads))
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or one the engine does not know (docs/engine.md, Security)." });
            }
            else
            {
                // Open, said explicitly: an operation without security reads as "not stated" to linters.
                operation.Security = [];
            }

            return Task.CompletedTask;
        });
    }
}
