namespace EscalationDsl.Engine.Tests;

/// <summary>A sink gets its decisions in decision order, also when one of them needs a retry.</summary>
public sealed partial class WebhookDeliveryTests
{
    [Fact]
    public async Task ARetriedDeliveryReachesItsSinkBeforeTheDecisionsAfterIt()
    {
        // The round after a failure read a sink's due deliveries by their next attempt: the failed page
        // (now + backoff) came after the assignment and escalation it preceded, which had never been tried.
        await using var receiver = await Receiver.StartAsync();
        receiver.FailFirst = 1;
        await using var engine = await EngineFixture.StartAsync(null,
        [
            "--Engine:Sinks:1:Name=hook",
            "--Engine:Sinks:1:Type=webhook",
            $"--Engine:Sinks:1:Url={receiver.Url}",
            $"--Engine:Sinks:1:Secret={Secret}",
            "--Engine:Delivery:Backoff=00:00:01",
        ]);
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        await engine.AdvanceAsync(TimeSpan.FromHours(1)); // the page, then the steps after it, due at once
        await RetriesRecorded(engine, 1);
        var decisions = DecisionsInOrder(engine);
        decisions.Count.ShouldBeGreaterThan(2);

        engine.Time.Advance(TimeSpan.FromSeconds(1));
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count >= decisions.Count + 1), "every decision delivered after the retry");
        await Task.Delay(200);

        var calls = receiver.Calls.ToArray();
        calls.Select(c => c.Status).ShouldBe([500, .. decisions.Select(_ => 200)]);
        calls.Skip(1).Select(c => Uri.UnescapeDataString(c.Decision)).ShouldBe(decisions, "the failed page first, when retried, then what followed it");
        calls[0].Decision.ShouldBe(calls[1].Decision);
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheDeliveryOrderGivesEachDeliveryItsDecisionsTime()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromHours(1));
        await engine.StopHostAsync();
        OlderSchema.TakeBack(engine.Database, 3);

        await engine.StartHostAsync();
        await engine.StopHostAsync();

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), count(*) FILTER (WHERE d.decision_at = x.at) FROM deliveries d JOIN decisions x ON x.decision_id = d.decision_id";
        using var reader = command.ExecuteReader();
        reader.Read();
        reader.GetInt64(0).ShouldBeGreaterThan(2);
        reader.GetInt64(1).ShouldBe(reader.GetInt64(0));
    }

    /// <summary>The stored decisions, by decision time and then as they were stored.</summary>
    private static List<string> DecisionsInOrder(EngineFixture engine)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT decision_id FROM decisions ORDER BY at, rowid";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
