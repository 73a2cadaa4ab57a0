using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// The API key check. It runs after routing, on the endpoint that will answer: a request no endpoint
/// takes (an unknown path, a method the path does not take) gets its 404 or 405 with or without a key,
/// since that reveals nothing the public OpenAPI document does not. Every route is checked (one mapped
/// without methods too); only routing's own 405 answer, which is no route, is not. Endpoints marked
/// <see cref="IAllowAnonymous"/> (health, readiness, metrics, the OpenAPI document) are always open.
/// </summary>
internal static class KeyCheck
{
    /// <summary>True when a request with this method to an endpoint with this metadata must carry a key.</summary>
    public static bool Needed(IReadOnlyList<object> metadata, string method, bool keyForReads) =>
        !metadata.OfType<IAllowAnonymous>().Any()
        && (keyForReads || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)));

    /// <summary>Adds the check to the pipeline (after routing, which the host runs first). The key itself is never logged.</summary>
    public static void Use(IApplicationBuilder app, ApiKeys keys, bool keyForReads) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is RouteEndpoint endpoint
                && Needed(endpoint.Metadata, context.Request.Method, keyForReads)
                && !keys.Accepts(context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await Problems.From(new EngineError(401, "Unauthorized", "Send an API key as 'Authorization: Bearer KEY' (see docs/engine.md).")).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}
