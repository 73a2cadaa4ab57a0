using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Whether a request for a ticket's timeline asks for text (<c>Accept: text/plain</c>) rather than
/// JSON. JSON stays the answer unless text is preferred: no <c>Accept</c>, <c>*/*</c>, a tie, or only
/// types the endpoint does not have (<c>text/html</c>) get JSON, as before text was offered (the API
/// answers no 406).
/// </summary>
internal static class TimelineText
{
    public static bool Wanted(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && Quality(accepted, "text", "plain") is var text and > 0
        && text > Quality(accepted, "application", "json");

    /// <summary>The quality the most specific range that matches the type gives it (RFC 9110, 12.5.1); 0 when none does.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> accepted, string type, string subtype)
    {
        var best = (Specificity: -1, Quality: 0.0);
        foreach (var range in accepted)
        {
            var specificity = range.Type.Equals(type, StringComparison.OrdinalIgnoreCase)
                ? range.SubType.Equals(subtype, StringComparison.OrdinalIgnoreCase) ? 2 : range.MatchesAllSubTypes ? 1 : -1
                : range.MatchesAllTypes ? 0 : -1;
            if (specificity > best.Specificity)
            {
                best = (specificity, range.Quality ?? 1.0);
            }
        }

        return best.Quality;
    }
}
