using System.Net;

namespace EscalationDsl.Engine.Tests;

/// <summary>A retried event of an open ticket, running in memory, whose stored log has had a row damaged since it was rebuilt.</summary>
public sealed class DamagedRowRetryTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Theory]
    [InlineData("'{\"broken'")]
    [InlineData("NULL")]
    public async Task ARetryIsAnsweredTicketUnavailableAndTheTicketKeepsRunning(string body)
    {
        // A row without a body failed the retry as a bug (500 Internal error), and the rebuild after that
        // bug set the ticket aside: its new events and reads failed too, until a restart. Then the answer
        // said so ("requests for it fail until ... the engine restarts") while they went on.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "acknowledged"));
        await engine.PostEventOk(EngineFixture.Created("o1", "INC-2", T0));
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE events SET body = {body} WHERE event_id = 'e1'";
            command.ExecuteNonQuery().ShouldBe(1);
        }

        for (var retry = 0; retry < 2; retry++)
        {
            await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Created("e1", "INC-1", T0)), "INC-1", "ticket", running: true);
            await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "acknowledged")), "INC-1", "ticket", running: true);
            await EngineFixture.ShouldBeUnavailable(await engine.PostBatch(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "acknowledged")), "INC-1", "events[0].ticket", running: true);
            await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-1/timeline"), "INC-1", null, running: true);
        }

        // The ticket runs from memory, and the others are not affected.
        (await engine.PostEventOk(EngineFixture.Event("e3", "INC-1", T0.AddMinutes(2), "resolved")))["state"]!.GetValue<string>().ShouldBe("resolved");
        (await engine.Http.GetAsync("/v1/tickets/INC-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.PostEventOk(EngineFixture.Created("o1", "INC-2", T0)))["replayed"]!.GetValue<bool>().ShouldBeTrue();

        // As the answer warned: the next start sets the ticket aside, and then every request for it fails.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-1"), "INC-1", null);
        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("e4", "INC-1", T0.AddMinutes(3), "closed")), "INC-1", "ticket");
    }
}
