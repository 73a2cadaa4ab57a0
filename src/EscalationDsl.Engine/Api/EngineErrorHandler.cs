using EscalationDsl.Engine.Processing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Answers a read or command the loop failed (<see cref="EngineErrorException"/>) with its own status
/// and problem, such as 503 while the engine stops or after a storage failure, as the event endpoints
/// answer theirs. It was a bare 500, logged as an unhandled exception. Anything else stays a 500.
/// </summary>
internal sealed class EngineErrorHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not EngineErrorException failed)
        {
            return false;
        }

        await Problems.From(failed.Error).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
