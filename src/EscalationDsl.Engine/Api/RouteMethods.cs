using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// The methods of the routes that really match a path, for the <c>Allow</c> header of a 405. ASP.NET
/// Core picks its 405 among every route whose segments could match before it checks a segment that
/// mixes a parameter and text, such as <c>{id}:migrate</c>: <c>DELETE /v1/tickets/T</c> listed
/// POST (from <c>/v1/tickets/{id}:migrate</c>), and <c>GET /v1/policies/x</c> was a 405 though no
/// route takes that path.
/// </summary>
internal static class RouteMethods
{
    /// <summary>The methods, in the order the routes were mapped; none when no route matches the path.</summary>
    public static IReadOnlyList<string> For(HttpContext context)
    {
        var path = context.Request.Path;
        var endpoints = context.RequestServices.GetService(typeof(EndpointDataSource)) as EndpointDataSource;
        return (endpoints?.Endpoints ?? [])
            .OfType<RouteEndpoint>()
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary(e.RoutePattern.Defaults)).TryMatch(path, new RouteValueDictionary()))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
