using System.Collections.Concurrent;
using System.Net;

namespace EscalationDsl.Engine.Delivery;

/// <summary>
/// The webhook sinks' HTTP handler. It keeps connections open and reuses them for
/// <see cref="ReuseFor"/>, except to a receiver that closes each connection after its answer:
/// one that answers in HTTP/1.0 without <c>Connection: keep-alive</c> (Python's <c>http.server</c> by
/// default) or says <c>Connection: close</c>. Such a receiver's next delivery goes on a new connection.
/// </summary>
/// <remarks>
/// .NET's <see cref="SocketsHttpHandler"/> keeps an HTTP/1.0 answer's connection for reuse (it closes
/// only on <c>Connection: close</c>). The receiver's close reaches it a moment after the answer: a
/// delivery sent on that connection in that moment is read by no one, and fails with "The response
/// ended prematurely". The client does not send it again by itself, since it has a body, which is
/// right (a request it cannot tell was read is not sent twice); here it is not sent on such a
/// connection at all. Redirects are not followed (see <see cref="WebhookSink"/>).
/// </remarks>
internal sealed class WebhookHandler : HttpMessageHandler
{
    /// <summary>
    /// How long after it was opened a connection may still be reused. A receiver closes a kept
    /// connection once it has idled for its own keep-alive timeout (gunicorn 2 s; uvicorn, Node.js and
    /// Apache 5 s), and a delivery sent on it as it closes is lost the same way; the client's own idle
    /// limit (a minute) is enforced by a sweep that runs now and then, while the lifetime is checked
    /// each time a connection is taken. A round's deliveries, sent back to back, still share connections.
    /// </summary>
    internal static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    private readonly HttpMessageInvoker reusing = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = ReuseFor });

    // A connection whose lifetime is zero is closed after its answer, never reused.
    private readonly HttpMessageInvoker once = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.Zero });

    /// <summary>Receivers (scheme, host and port) whose last answer said they close the connection.</summary>
    private readonly ConcurrentDictionary<string, bool> closing = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var receiver = request.RequestUri!.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);
        var response = await (closing.ContainsKey(receiver) ? once : reusing).SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (ClosesTheConnection(response))
        {
            closing.TryAdd(receiver, true);
        }
        else
        {
            // A receiver now answering in HTTP/1.1 (upgraded, say) keeps connections again.
            closing.TryRemove(receiver, out _);
        }

        return response;
    }

    /// <summary>
    /// Whether the receiver closes the connection after this answer (RFC 9112, 9.3): an HTTP/1.0 answer
    /// unless it says <c>Connection: keep-alive</c>, any answer that says <c>Connection: close</c>.
    /// </summary>
    private static bool ClosesTheConnection(HttpResponseMessage response) =>
        response.Headers.ConnectionClose == true
        || (response.Version < HttpVersion.Version11 && !response.Headers.Connection.Contains("keep-alive", StringComparer.OrdinalIgnoreCase));

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            reusing.Dispose();
            once.Dispose();
        }

        base.Dispose(disposing);
    }
}
