using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// The id in a route (a ticket's, a decision's). The server decodes the path except <c>%2F</c>, so
/// an id holding a slash (sent as <c>a%2Fb</c>) arrives still encoded, and one holding <c>%2F</c>
/// itself (sent as <c>a%252Fb</c>) arrives looking the same: when the value holds a <c>%</c>, the id
/// is decoded afresh from the request line.
/// </summary>
internal static class RouteId
{
    /// <summary>The id after <paramref name="prefix"/> (such as <c>/v1/tickets/</c>), without <paramref name="suffix"/> (such as <c>:migrate</c>).</summary>
    public static string Decode(HttpContext http, string prefix, string routeValue, string suffix = "")
    {
        if (!routeValue.Contains('%', StringComparison.Ordinal)
            || http.Features.Get<IHttpRequestFeature>()?.RawTarget is not { } raw
            || !raw.StartsWith(prefix, StringComparison.Ordinal))
        {
            return routeValue;
        }

        var segment = raw[prefix.Length..];
        segment = segment[..(segment.IndexOfAny(['/', '?']) is var end and >= 0 ? end : segment.Length)];
        // Decoded before the suffix is taken off: a client may send the colon as %3A.
        var id = Uri.UnescapeDataString(segment);
        return id.EndsWith(suffix, StringComparison.Ordinal) ? id[..^suffix.Length] : id;
    }
}
