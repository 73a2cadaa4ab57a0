using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>The problem answers an endpoint declares in the OpenAPI document.</summary>
internal static class ProblemStatuses
{
    /// <summary>The answers of an operator's write (a migration, a retry): bad request, no key, not found, conflict, bug, storage.</summary>
    public static readonly int[] OperatorWrite = [400, 401, 404, 409, 500, 503];

    /// <summary>Declares a problem answer (application/problem+json) for each status.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, IEnumerable<int> statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
