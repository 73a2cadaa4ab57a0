using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Tests;

/// <summary>Webhook delivery to a real local listener: signatures, retries with backoff, dead letters.</summary>
public sealed partial class WebhookDeliveryTests
{
    private const string Secret = "webhook-secret";
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;

        private Receiver(WebApplication app) => this.app = app;

        public ConcurrentQueue<(string Decision, bool SignatureValid, int Status)> Calls { get; } = new();

        public int FailFirst { get; set; }

        /// <summary>While set, every call is answered 500.</summary>
        public bool Failing { get; set; }

        /// <summary>When set, each call is recorded at once and answered only when this completes.</summary>
        public Task? Hold { get; set; }

        private int landings;

        public int Landings => Volatile.Read(ref landings);

        public string Url => app.Urls.First() + "/hook";

        public string MovedUrl => app.Urls.First() + "/moved";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpRequest request) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer);
                var body = buffer.ToArray();
                var timestamp = request.Headers["X-Esc-Timestamp"].ToString();
                var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray()));
                var valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-Esc-Signature"].ToString()));
                var status = receiver.Failing || receiver.Calls.Count < receiver.FailFirst ? 500 : 200;
                receiver.Calls.Enqueue((request.Headers["X-Esc-Decision"].ToString(), valid, status));
                if (receiver.Hold is { } hold)
                {
                    await hold;
                }

                return Results.StatusCode(status);
            });
            // A receiver that moved: answers a POST with a redirect to a page that answers 200 to the GET that follows it.
            app.MapPost("/moved", () => Results.Redirect("/landing?token=secret"));
            app.MapGet("/landing", () =>
            {
                Interlocked.Increment(ref receiver.landings);
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    private static string[] WebhookArgs(Receiver receiver, int maxAttempts = 8, string backoff = "00:00:10", string maxBackoff = "00:05:00", string? url = null) =>
        WebhookArgs(url ?? receiver.Url, maxAttempts, backoff, maxBackoff);

    private static string[] WebhookArgs(string url, int maxAttempts = 8, string backoff = "00:00:10", string maxBackoff = "00:05:00") =>
    [
        "--Engine:Sinks:1:Name=hook",
        "--Engine:Sinks:1:Type=webhook",
        $"--Engine:Sinks:1:Url={url}",
        $"--Engine:Sinks:1:Secret={Secret}",
        "--Engine:Sinks:1:Owners:0=oncall_eng",
        "--Engine:Sinks:1:Kinds:0=page",
        $"--Engine:Delivery:MaxAttempts={maxAttempts}",
        $"--Engine:Delivery:Backoff={backoff}",
        $"--Engine:Delivery:MaxBackoff={maxBackoff}",
    ];

    /// <summary>Waits until the engine has recorded this many failed attempts (so the retry is scheduled before the clock moves).</summary>
    private static Task RetriesRecorded(EngineFixture engine, int count) =>
        EngineFixture.Eventually(
            async () => (await engine.Http.GetStringAsync("/metrics")).Contains($"esc_delivery_failures_total{{otel_scope_name=\"EscalationDsl.Engine\",outcome=\"retry\",sink=\"hook\"}} {count}", StringComparison.Ordinal),
            $"{count} failed attempts recorded");

    [Fact]
    public async Task PagesAreSignedAndRetriedUntilTheReceiverAccepts()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = 2;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await RetriesRecorded(engine, 1);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        await RetriesRecorded(engine, 2);
        engine.Time.Advance(TimeSpan.FromSeconds(20));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= 3), "retry after 20 s more");

        var calls = receiver.Calls.ToArray();
        calls.Select(c => c.Decision).Distinct().ShouldBe(["INC-1/sev1_production/0/1/1.0"]);
        calls.ShouldAllBe(c => c.SignatureValid);
        calls.Select(c => c.Status).ShouldBe([500, 500, 200]);

        // Acknowledged: no further attempts, even much later.
        engine.Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(200);
        receiver.Calls.Count.ShouldBe(3);
    }

    [Fact]
    public async Task ADeliveryUnderWayWhenTheEngineStopsIsFinishedRecordedAndNotSentAgain()
    {
        // Stopping cut the call off unrecorded: the receiver had the page, and got it again after the restart.
        await using var receiver = await Receiver.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Hold = hold.Task;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count == 1), "the page reaches the receiver");

        var stopping = engine.StopHostAsync();
        try
        {
            await Task.Delay(200);
            stopping.IsCompleted.ShouldBeFalse("the stop waits for the delivery under way");
        }
        finally
        {
            hold.TrySetResult();
        }

        await stopping;

        receiver.Hold = null;
        await engine.StartHostAsync();
        engine.Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        receiver.Calls.Select(c => c.Decision).ShouldBe(["INC-1/sev1_production/0/1/1.0"]);
    }

    [Fact]
    public async Task ASinkThatIsDownHoldsTheOthersUpByOneCallNotOnePerDeliveryDue()
    {
        // A round sent every due delivery of a sink one after the other, each running into the timeout,
        // and the next round (the file sink's new decisions) waited for all of them; with more than a
        // round's 200 due for the sink that is down, the other sinks' deliveries were not even read.
        await using var receiver = await Receiver.StartAsync();
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Hold = hold.Task;
        await using var engine = await EngineFixture.StartAsync(null, [.. WebhookArgs(receiver), "--Engine:Delivery:Timeout=00:00:01"]);
        try
        {
            var created = await engine.PostBatch([.. Enumerable.Range(0, 250).Select(i => EngineFixture.Created($"e{i}", $"INC-{i}", T0))]);
            created.IsSuccessStatusCode.ShouldBeTrue();

            await engine.AdvanceAsync(TimeSpan.FromMinutes(15)); // 250 pages for the hook, which never answers
            await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= 1), "the first page reaches the hook");
            await engine.AdvanceAsync(TimeSpan.FromMinutes(15)); // escalations, for the file sink only

            await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["kind"] == "escalate")), "the file sink gets the escalations");
            receiver.Calls.Count.ShouldBeLessThanOrEqualTo(3, "the file sink's deliveries waited for the hook's pages to time out one by one");
        }
        finally
        {
            hold.TrySetResult();
        }
    }

    [Fact]
    public async Task ADeliveryThatKeepsFailingIsDeadLetteredAfterMaxAttempts()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = int.MaxValue;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 3));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-2", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            await RetriesRecorded(engine, attempt);
            engine.Time.Advance(TimeSpan.FromMinutes(5));
        }

        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= 3), "third attempt");

        // The dead letter is counted once the third answer is read, which a loaded machine may take a while to do.
        var metrics = await engine.ScrapeUntil(
            m => m.Contains("esc_delivery_failures_total{otel_scope_name=\"EscalationDsl.Engine\",outcome=\"dead\",sink=\"hook\"} 1", StringComparison.Ordinal),
            "the third failure dead-letters the delivery");
        metrics.ShouldContain("esc_delivery_failures_total{otel_scope_name=\"EscalationDsl.Engine\",outcome=\"retry\",sink=\"hook\"} 2");
        await Task.Delay(300);
        receiver.Calls.Count.ShouldBe(3, "no attempt after the dead letter");
    }

    [Fact]
    public async Task ASinkRestsAfterADeliveryItDeadLettersBeforeItsNextDelivery()
    {
        // Each first attempt is the last: two pages due at once used to go out back to back to a sink that is down.
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = int.MaxValue;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 1, backoff: "00:01:00"));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));

        await EngineFixture.Eventually(
            async () => (await engine.Http.GetStringAsync("/metrics")).Contains("esc_delivery_failures_total{otel_scope_name=\"EscalationDsl.Engine\",outcome=\"dead\",sink=\"hook\"} ", StringComparison.Ordinal),
            "a page is dead-lettered");
        await Task.Delay(500);
        receiver.Calls.Count.ShouldBe(1, "the sink rests for a backoff after the delivery it dead-lettered");

        engine.Time.Advance(TimeSpan.FromMinutes(1));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count == 2), "the second page is tried after the rest");
    }

    [Fact]
    public async Task ARetryMoreThanFiftyDaysAheadIsSentWhenItFallsDue()
    {
        // Timers take at most about 49.7 days: the dispatcher stopped for good when it waited longer.
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = 1;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, backoff: "60.00:00:00", maxBackoff: "60.00:00:00"));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-3", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await RetriesRecorded(engine, 1);
        await Task.Delay(200);

        engine.Time.Advance(TimeSpan.FromDays(60));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= 2), "the retry 60 days later");
        receiver.Calls.Select(c => c.Status).ShouldBe([500, 200]);
    }

    [Fact]
    public async Task ARedirectIsAFailedDeliveryNotAnAcknowledgement()
    {
        // The client followed it with a GET (301, 302, 303), whose 200 acknowledged a page nobody received.
        await using var receiver = await Receiver.StartAsync();
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, url: receiver.MovedUrl));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-4", T0));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await RetriesRecorded(engine, 1);

        receiver.Landings.ShouldBe(0);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT detail FROM delivery_attempts WHERE sink = 'hook'";
        // Where it redirects is shown as the sink's URL is: no user, password or query (here a token).
        ((string)command.ExecuteScalar()!).ShouldBe($"HTTP 302 from {receiver.MovedUrl}, which redirects to {receiver.MovedUrl[..^"/moved".Length]}/landing; a redirect is not followed, configure the sink with the URL it redirects to");
    }

    [Fact]
    public async Task AFailedDeliverySaysWhereWithoutTheCredentialsOfTheUrl()
    {
        // Messages named the URL with its user and password, into the log and delivery_attempts.
        using var client = new HttpClient();
        var sink = new Delivery.WebhookSink("hook", new Uri("http://ops:s3cret@127.0.0.1:1/hook?token=t0ken"), Secret, client, TimeSpan.FromSeconds(5), TimeProvider.System);

        var e = await Should.ThrowAsync<Delivery.DeliveryException>(() => sink.SendAsync("d1", [], CancellationToken.None));

        e.Message.ShouldStartWith("http://127.0.0.1:1/hook: ");
        e.Message.ShouldNotContain("s3cret");
    }

    [Fact]
    public async Task AFailedDeliverySaysWhyNotOnlyThatSendingFailed()
    {
        // A receiver that takes the connection and closes it without an answer: the client's own message
        // is "An error occurred while sending the request.", and the cause is underneath.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closing = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptTcpClientAsync();
            var buffer = new byte[4096];
            _ = await accepted.GetStream().ReadAsync(buffer);
        });
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        using var client = new HttpClient();
        var sink = new Delivery.WebhookSink("hook", new Uri($"http://127.0.0.1:{port}/hook"), Secret, client, TimeSpan.FromSeconds(10), TimeProvider.System);

        var e = await Should.ThrowAsync<Delivery.DeliveryException>(() => sink.SendAsync("d1", [1], CancellationToken.None));

        await closing;
        e.Message.ShouldBe($"http://127.0.0.1:{port}/hook: An error occurred while sending the request: The response ended prematurely. (ResponseEnded)");
    }

    [Fact]
    public async Task ADecisionOfATicketWithANonAsciiIdIsDelivered()
    {
        // The decision id (which holds the ticket id) went into a header as it was: the client refused
        // to send non-ASCII headers, and the delivery failed until it was dead-lettered.
        await using var receiver = await Receiver.StartAsync();
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver));
        await engine.PostEventOk(EngineFixture.Created("e1", "Störung-7", T0));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= 1), "the page delivered");

        receiver.Calls.Single().Status.ShouldBe(200);
        receiver.Calls.Single().SignatureValid.ShouldBeTrue();
        Uri.UnescapeDataString(receiver.Calls.Single().Decision).ShouldBe("Störung-7/sev1_production/0/1/1.0");
    }
}
