using System.Diagnostics;
using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace EscalationDsl.Engine.Api;

/// <summary>RFC 9457 problem responses naming the field at fault.</summary>
internal static class Problems
{
    public static IResult From(EngineError error) =>
        new Traced(TypedResults.Problem(
            detail: error.Detail,
            statusCode: error.Status,
            title: error.Title,
            extensions: error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field }).ProblemDetails);

    public static IResult BadRequest(string detail, string? field = null) =>
        From(new EngineError(400, "Invalid request", detail, field));

    /// <summary>
    /// A body of a media type the endpoint does not read: JSON everywhere, and on the batch endpoint
    /// JSON Lines too; JSON Lines sent to <c>POST /v1/events</c> is pointed to the batch endpoint.
    /// </summary>
    public static IResult UnsupportedMediaType(string? type, PathString path)
    {
        var batch = path.Equals(EventEndpoints.BatchPath, StringComparison.OrdinalIgnoreCase);
        var send = batch
            ? $"Send JSON with Content-Type: application/json, or JSON Lines (one event a line) with Content-Type: {JsonLinesBody.MediaType}"
            : "Send JSON with Content-Type: application/json";
        var lines = !batch && JsonLinesBody.Is(type)
            ? $"; to send JSON Lines (one event a line), POST them to {EventEndpoints.BatchPath}"
            : string.Empty;
        return From(new EngineError(415, "Unsupported media type", type is null ? $"{send}." : $"{send}, not '{type}'{lines}."));
    }

    /// <summary>
    /// The answers ASP.NET Core gives itself with an empty body (no such route, a method the route
    /// does not take, a body that is not JSON), as problem details like every other error.
    /// </summary>
    public static IResult ForStatus(HttpContext context)
    {
        var request = context.Request;
        var status = context.Response.StatusCode;
        return status switch
        {
            404 or 405 => NotRouted(context),
            415 => UnsupportedMediaType(request.ContentType, request.Path),
            _ => new Traced(TypedResults.Problem(statusCode: status).ProblemDetails),
        };
    }

    /// <summary>
    /// A problem that carries the request's trace id whatever the request accepts. The framework adds it only where its
    /// problem writer answers the request's Accept (JSON, or none), so an error a browser or a reader of the text
    /// timeline (<c>Accept: text/plain</c>) got had none to find it by in the log.
    /// </summary>
    private sealed class Traced(ProblemDetails problem) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
            if (httpContext.RequestServices.GetService<IProblemDetailsService>() is { } writer
                && await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem }).ConfigureAwait(false))
            {
                return; // with the trace id, as trace_id
            }

            problem.Extensions["trace_id"] = Activity.Current?.Id ?? httpContext.TraceIdentifier;
            await TypedResults.Problem(problem).ExecuteAsync(httpContext).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// A request routing found no endpoint for: a 405 when a route takes the path, with the methods
    /// of the routes that take it and only those (see <see cref="RouteMethods"/>), else a 404. A route
    /// that takes the request's own method and path answered the 404 itself: it stays a 404.
    /// </summary>
    private static IResult NotRouted(HttpContext context)
    {
        var request = context.Request;
        var allowed = RouteMethods.For(context);
        if (allowed.Count == 0 || allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            context.Response.Headers.Remove(HeaderNames.Allow);
            return From(new EngineError(404, "Not found", $"There is no {request.Method} {request.Path}; the API's endpoints are listed in /openapi/v1.json.{SlashHint(request.Path)}"));
        }

        context.Response.Headers.Allow = string.Join(", ", allowed);
        return From(new EngineError(405, "Method not allowed", $"{request.Path} does not take {request.Method}; it takes {context.Response.Headers.Allow}."));
    }

    /// <summary>
    /// For a path under a ticket or a delivery that no route takes (<c>/v1/tickets/ACME/42</c>), the likeliest
    /// reason: an id holding a <c>/</c> sent as it is, which splits the path.
    /// </summary>
    private static string SlashHint(PathString path)
    {
        foreach (var prefix in (string[])["/v1/tickets/", "/v1/deliveries/"])
        {
            const string timeline = "/timeline";
            var rest = path.Value is { } value && value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : "";
            var suffix = prefix == "/v1/tickets/" && rest.EndsWith(timeline, StringComparison.Ordinal) ? timeline : "";
            var id = rest[..^suffix.Length];
            if (id.Contains('/', StringComparison.Ordinal))
            {
                return $" If the id holds a '/', send it as %2F: {prefix}{id.Replace("/", "%2F", StringComparison.Ordinal)}{suffix}.";
            }
        }

        return string.Empty;
    }
}
