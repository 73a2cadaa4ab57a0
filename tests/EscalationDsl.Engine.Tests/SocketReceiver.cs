using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A webhook receiver on a raw socket on 127.0.0.1 (ephemeral port), for what Kestrel will not do:
/// answer in HTTP/1.0 and close each connection after its answer, as Python's <c>http.server</c>
/// does by default. It answers every POST 200 with no body and no <c>Connection</c> header.
/// </summary>
/// <remarks>
/// In HTTP/1.0 it reads one request per connection. <c>http.server</c> closes the connection right
/// after its answer, and a request the client sends on it before that close arrives is never read;
/// this receiver waits, after its answer, until the client either closes the connection or sends on
/// it, and then closes it unanswered: the moment in which a reused connection loses a request lasts
/// as long as the test needs, so what happened by chance there happens every time here.
/// In HTTP/1.1 it keeps the connection and answers each request on it; given a keep-alive timeout,
/// a request that comes after the connection idled that long is taken to have crossed the
/// receiver's close (a real one closes then, and a request sent just as it does is lost) and is
/// left unanswered as well.
/// </remarks>
internal sealed class SocketReceiver : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly bool http10;
    private readonly TimeSpan idleClose;
    private readonly ConcurrentBag<Task> serving = [];
    private Task accepting = Task.CompletedTask;
    private int connections;
    private int unread;

    private SocketReceiver(bool http10, TimeSpan idleClose)
    {
        this.http10 = http10;
        this.idleClose = idleClose;
    }

    /// <summary>The <c>X-Esc-Decision</c> of each request answered, in order.</summary>
    public ConcurrentQueue<string> Answered { get; } = new();

    /// <summary>Connections accepted.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Requests sent on a connection the receiver closes (after an HTTP/1.0 answer, or idle past its keep-alive timeout): never answered.</summary>
    public int Unread => Volatile.Read(ref unread);

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook";

    /// <summary>Starts a receiver answering in HTTP/1.0, or in HTTP/1.1 closing connections that idle <paramref name="idleClose"/> (by default never).</summary>
    public static SocketReceiver Start(bool http10, TimeSpan? idleClose = null)
    {
        var receiver = new SocketReceiver(http10, idleClose ?? TimeSpan.MaxValue);
        receiver.listener.Start();
        receiver.accepting = receiver.AcceptAsync();
        return receiver;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                Interlocked.Increment(ref connections);
                serving.Add(ServeAsync(client));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // stopped: DisposeAsync stops the listener, and an accept begun after that says "Not listening"
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var pending = new List<byte>();
        var buffer = new byte[4096];
        Stopwatch? idle = null; // since the last answer
        try
        {
            while (true)
            {
                if (idle is not null)
                {
                    // The client's next move on a connection answered before.
                    if (pending.Count == 0)
                    {
                        var read = await stream.ReadAsync(buffer, stop.Token);
                        if (read == 0)
                        {
                            return; // the client closed it
                        }

                        pending.AddRange(buffer.AsSpan(0, read));
                    }

                    if (http10 || idle.Elapsed >= idleClose)
                    {
                        Interlocked.Increment(ref unread);
                        return;
                    }
                }

                if (await ReadRequestAsync(stream, pending, buffer) is not { } decision)
                {
                    return;
                }

                Answered.Enqueue(decision);
                var answer = http10 ? "HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n" : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), stop.Token);
                idle = Stopwatch.StartNew();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // stopped, or the client reset the connection
        }
    }

    /// <summary>Reads one request (headers and Content-Length body) and returns its decision id, or null at the end of the connection.</summary>
    private async Task<string?> ReadRequestAsync(NetworkStream stream, List<byte> pending, byte[] buffer)
    {
        int end;
        while ((end = HeaderEnd(pending)) < 0)
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return null;
            }

            pending.AddRange(buffer.AsSpan(0, read));
        }

        var headers = Encoding.ASCII.GetString([.. pending.Take(end)]).Split("\r\n");
        pending.RemoveRange(0, end + 4);
        var length = int.Parse(Header(headers, "Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        while (pending.Count < length)
        {
            var read = await stream.ReadAsync(buffer, stop.Token);
            if (read == 0)
            {
                return null;
            }

            pending.AddRange(buffer.AsSpan(0, read));
        }

        pending.RemoveRange(0, length);
        return Header(headers, "X-Esc-Decision") ?? "";
    }

    private static int HeaderEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Header(string[] lines, string name) =>
        lines.Skip(1).Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)).Select(l => l[(name.Length + 1)..].Trim()).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(serving);
        stop.Dispose();
    }
}
