using System.Text;
using System.Text.RegularExpressions;
using EscalationDsl.Engine.Delivery;
using EscalationDsl.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace EscalationDsl.Engine.Tests;

/// <summary>The signature test vector in docs/engine.md#signatures is what the webhook sink sends.</summary>
public sealed partial class SignatureVectorTests
{
    [GeneratedRegex(@"With the secret `(?<secret>[^`]+)`.*?the timestamp `(?<ts>\d+)` and the body\s+`(?<body>[^`]+)` the header is\s+`X-Esc-Signature: (?<sig>[^`]+)`", RegexOptions.Singleline)]
    private static partial Regex Vector();

    [Fact]
    public async Task TheDocumentedVectorIsWhatTheSinkSends()
    {
        var doc = Vector().Match(File.ReadAllText(RepoPaths.Combine("docs", "engine.md")));
        doc.Success.ShouldBeTrue("engine.md gives a test vector");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var received = new TaskCompletionSource<(string Timestamp, string Signature, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            received.TrySetResult((request.Headers["X-Esc-Timestamp"].ToString(), request.Headers["X-Esc-Signature"].ToString(), await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await app.StartAsync();

        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(long.Parse(doc.Groups["ts"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        using var client = new HttpClient();
        var sink = new WebhookSink("hook", new Uri(app.Urls.First() + "/hook"), doc.Groups["secret"].Value, client, TimeSpan.FromSeconds(10), clock);
        await sink.SendAsync("INC-1/sev1_production/0/1/1.0", Encoding.UTF8.GetBytes(doc.Groups["body"].Value), CancellationToken.None);

        var (timestamp, signature, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        timestamp.ShouldBe(doc.Groups["ts"].Value);
        body.ShouldBe(doc.Groups["body"].Value);
        signature.ShouldBe(doc.Groups["sig"].Value);
    }
}
