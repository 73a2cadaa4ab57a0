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

    /// <summary>Two pages due at once for the hook, sent one after the other, and both attempts recorded.</summary>
    private static async Task<List<(string Decision, string Outcome, string? Detail)>> TwoPagesSent(EngineFixture engine)
    {
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await EngineFixture.Eventually(() => Task.FromResult(Attempts(engine).Count >= 2), "both pages tried");
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

        var attempts = await TwoPagesSent(engine);

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

        var attempts = await TwoPagesSent(engine);

        attempts.ShouldAllBe(a => a.Outcome == "delivered");
        receiver.Answered.Count.ShouldBe(2);
        receiver.Connections.ShouldBe(1, "connections to a receiver that keeps them are reused");
    }
}
