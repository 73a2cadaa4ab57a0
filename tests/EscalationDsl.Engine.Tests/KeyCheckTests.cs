using System.Net;
using EscalationDsl.Engine.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Tests;

/// <summary>The key check on a server of its own: it fails closed for a route that names no methods.</summary>
public sealed class KeyCheckTests
{
    [Fact]
    public async Task ARouteMappedWithoutMethodsNeedsTheKeyForAWrite()
    {
        // The check ran only for routes whose methods it could read: one mapped for every method was open to writes.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        KeyCheck.Use(app, new ApiKeys([ApiKeys.Hash(EngineFixture.Key)]), keyForReads: false);
        app.Map("/any", () => Results.Text("reached"));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        (await http.PostAsync("/any", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetStringAsync("/any")).ShouldBe("reached", "a read needs no key unless RequireKeyForReads");
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "/any") { Headers = { { "Authorization", $"Bearer {EngineFixture.Key}" } } };
        (await http.SendAsync(keyed)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AKeyIsTheUtf8TextARequestSendsAfterBearerAndBytesThatAreNotUtf8AllReadAlike()
    {
        // The rule esc hash-key and the key file share (docs/engine.md, Security): a key is UTF-8 text. Kestrel reads a
        // header's bytes as UTF-8, so a key with an é matches the é's UTF-8 bytes and not its Latin-1 byte; and every
        // byte that is not UTF-8 reads as U+FFFD, so a key holding U+FFFD would be matched by any of them.
        const string Accented = "a-key-of-sixteen-chars-\u00e9";
        const string Replaced = "a-key-of-sixteen-chars-\uFFFD";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        KeyCheck.Use(app, new ApiKeys([ApiKeys.Hash(Accented), ApiKeys.Hash(Replaced)]), keyForReads: false);
        app.MapPost("/any", () => Results.Text("reached"));
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        async Task<string> StatusFor(byte[] key)
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(address.Host, address.Port);
            var stream = client.GetStream();
            byte[] request =
            [
                .. System.Text.Encoding.ASCII.GetBytes("POST /any HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\nAuthorization: Bearer "),
                .. key,
                .. System.Text.Encoding.ASCII.GetBytes("\r\n\r\n"),
            ];
            await stream.WriteAsync(request);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            return (await reader.ReadLineAsync())!;
        }

        byte[] Prefixed(params byte[] tail) => [.. System.Text.Encoding.ASCII.GetBytes("a-key-of-sixteen-chars-"), .. tail];
        (await StatusFor(System.Text.Encoding.UTF8.GetBytes(Accented))).ShouldBe("HTTP/1.1 200 OK");
        (await StatusFor(Prefixed(0xE9))).ShouldBe("HTTP/1.1 400 Bad Request", "Latin-1 é");
        (await StatusFor(Prefixed(0xFF))).ShouldBe("HTTP/1.1 400 Bad Request", "xff");
        (await StatusFor(Prefixed(0xEF, 0xBF, 0xBD))).ShouldBe("HTTP/1.1 200 OK", "literal U+FFFD");
    }
}
