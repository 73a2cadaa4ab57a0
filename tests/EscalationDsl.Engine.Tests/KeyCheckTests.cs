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
}
