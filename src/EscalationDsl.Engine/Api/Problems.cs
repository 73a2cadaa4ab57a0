using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>RFC 9457 problem responses naming the field at fault.</summary>
internal static class Problems
{
    public static IResult From(EngineError error) =>
        Results.Problem(
            detail: error.Detail,
            statusCode: error.Status,
            title: error.Title,
            extensions: error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field });

    public static IResult BadRequest(string detail, string? field = null) =>
        From(new EngineError(400, "Invalid request", detail, field));
}
