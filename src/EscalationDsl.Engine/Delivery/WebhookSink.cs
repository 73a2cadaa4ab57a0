using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Engine.Delivery;

/// <summary>
/// POSTs each decision as JSON. The body is signed: <c>X-Esc-Signature: sha256=HEX</c> is the
/// HMAC-SHA256 of the timestamp, a dot and the body, keyed with the sink's secret, and
/// <c>X-Esc-Timestamp</c> carries the timestamp (Unix seconds) so receivers can refuse replays.
/// Any 2xx answer acknowledges the decision; a redirect is a failure (the client is built not to follow it).
/// </summary>
public sealed class WebhookSink(string name, Uri url, string secret, HttpClient client, TimeSpan timeout, TimeProvider time) : IDecisionSink
{
    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>The URL as messages show it: without user and password (and query), which may hold credentials.</summary>
    private string Where { get; } = Shown(url);

    /// <summary>A URL as messages show it: scheme, host, port and path, never a user, password or query.</summary>
    private static string Shown(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>The signature a receiver should compute: <c>sha256=</c> + hex HMAC-SHA256(secret, timestamp + "." + body).</summary>
    public static string Sign(byte[] key, string timestamp, byte[] body)
    {
        var payload = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, payload);
        payload[timestamp.Length] = (byte)'.';
        body.CopyTo(payload, timestamp.Length + 1);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, payload));
    }

    /// <summary>
    /// The decision id as the <c>X-Esc-Decision</c> header carries it. Headers are ASCII, and a decision
    /// id holds its ticket's id, which may not be: an id with a character outside ASCII, or with a
    /// <c>%</c>, is sent percent-encoded (UTF-8), so no two ids share a header value.
    /// </summary>
    public static string HeaderValue(string decisionId) =>
        Ascii.IsValid(decisionId) && !decisionId.Contains('%', StringComparison.Ordinal) ? decisionId : Uri.EscapeDataString(decisionId);

    /// <inheritdoc />
    public async Task SendAsync(string decisionId, byte[] body, CancellationToken cancellation)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-Esc-Decision", HeaderValue(decisionId));
        request.Headers.Add("X-Esc-Timestamp", timestamp);
        request.Headers.Add("X-Esc-Signature", Sign(key, timestamp, body));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var redirect = response.Headers.Location is { } location
                    ? $", which redirects to {(location.IsAbsoluteUri ? Shown(location) : Shown(new Uri(url, location)))}; a redirect is not followed, configure the sink with the URL it redirects to"
                    : string.Empty;
                throw new DeliveryException($"HTTP {(int)response.StatusCode} from {Where}{redirect}");
            }
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new DeliveryException($"no answer from {Where} within {English.Duration(timeout)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException($"{Where}: {Reason(e)}", e);
        }
    }

    /// <summary>
    /// The client's message and those of the exceptions under it: its own is often only "An error
    /// occurred while sending the request.", and the cause (the connection refused or reset, the
    /// answer cut off) is underneath. Those name at most the host and port, never the URL's credentials.
    /// </summary>
    private static string Reason(Exception e)
    {
        var reason = e.Message.TrimEnd('.');
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!reason.Contains(inner.Message.TrimEnd('.'), StringComparison.Ordinal))
            {
                reason += ": " + inner.Message.TrimEnd('.');
            }
        }

        return reason;
    }
}
