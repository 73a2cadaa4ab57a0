using Microsoft.AspNetCore.Http;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// The methods every read endpoint answers: GET, and HEAD (the same status and headers without the
/// body), which load balancers, monitors and some clients probe with.
/// </summary>
internal static class Reads
{
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];
}
