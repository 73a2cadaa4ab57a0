namespace EscalationDsl.Engine.Tests;

/// <summary>Webhook delivery and the receiver's connections: kept and reused, or one per delivery.</summary>
public sealed partial class WebhookDeliveryTests
{
    /// <summary>Each attempt to the hook sink as the engine recorded it: decision, outcome and what failed.</summary>
    private static List<(string Decision, string Outcome, string? Detail)> Attempts(EngineFixture engine)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT decision_id, outcome, detail FROM delivery_attempts WHERE sink = 'hook' ORDER BY decision_id, attempt";
        using var reader = command.ExecuteReader();
        var attempts = new List<(string, string, string?)>();
        while (reader.Read())
        {
            attempts.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return attempts;
    }

    /// <summary>Pages due at once for the hook (INC-1, INC-2, ...), sent one after the other, and each first attempt recorded.</summary>
    private static async Task<List<(string Decision, string Outcome, string? Detail)>> PagesSent(EngineFixture engine, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await engine.PostEventOk(EngineFixture.Created($"e{i}", $"INC-{i}", T0));
        }

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await EngineFixture.Eventually(() => Task.FromResult(Attempts(engine).Count >= count), "every page tried");
        return Attempts(engine);
    }

    [Fact]
    public async Task AReceiverAnsweringInHttp10GetsEachDeliveryOnANewConnectionAndNoneFails()
    {
        // Python's http.server answers in HTTP/1.0 and closes the connection after its answer. The
        // client kept the connection for reuse all the same, and the next page, sent on it before the
        // close arrived, was read by no one: "The response ended prematurely", a failed attempt
        // retried after a backoff (5 of about 75 deliveries in the operator trial).
        await using var receiver = SocketReceiver.Start(http10: true);
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver.Url));

        var attempts = await PagesSent(engine, 2);

        attempts.ShouldBe(
        [
            ("INC-1/sev1_production/0/1/1.0", "delivered", null),
            ("INC-2/sev1_production/0/1/1.0", "delivered", null),
        ]);
        receiver.Unread.ShouldBe(0, "no page is sent on a connection the receiver closes after its answer");
        receiver.Answered.Order(StringComparer.Ordinal).ShouldBe(["INC-1/sev1_production/0/1/1.0", "INC-2/sev1_production/0/1/1.0"]);
        receiver.Connections.ShouldBe(2);
    }

    [Fact]
    public async Task AReceiverAnsweringInHttp11GetsItsDeliveriesOnOneKeptConnection()
    {
        await using var receiver = SocketReceiver.Start(http10: false);
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver.Url));

        var attempts = await PagesSent(engine, 5);

        attempts.Count.ShouldBe(5);
        attempts.ShouldAllBe(a => a.Outcome == "delivered");
        receiver.Answered.Count.ShouldBe(5);
        // Back to back, they share connections (a new one after a second: a stalled machine may take that long).
        receiver.Connections.ShouldBeLessThan(5, "connections to a receiver that keeps them are reused");
    }

    [Fact]
    public async Task ADeliveryAfterAPauseGoesOnANewConnectionNotOneTheReceiverMayBeClosing()
    {
        // A receiver closes a kept connection once it idled for its keep-alive timeout (gunicorn 2 s,
        // uvicorn and Node.js 5 s); the client reused connections idle for up to a minute, and a
        // delivery sent just as the receiver closed one was read by no one: "The response ended prematurely".
        await using var receiver = SocketReceiver.Start(http10: false, idleClose: TimeSpan.FromSeconds(2));
        using var client = new HttpClient(new Delivery.WebhookHandler());
        var sink = new Delivery.WebhookSink("hook", new Uri(receiver.Url), Secret, client, TimeSpan.FromSeconds(10), TimeProvider.System);

        await sink.SendAsync("d1", [1], CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // real time: the client's idle connection ages in it
        await sink.SendAsync("d2", [1], CancellationToken.None);

        receiver.Answered.ShouldBe(["d1", "d2"]);
        receiver.Unread.ShouldBe(0);
    }
}
