using System.Net.Http.Json;
using EscalationDsl.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>The tickets table keeps each ticket's current state beside it, for operators reading the database.</summary>
public sealed class TicketTableTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task EachChangeAndDeadlineRunWritesTheTicketsStateOwnerLevelTimesAndFields()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0, fields: new { impact = "production" }));

        var created = Row(engine, "INC-1");
        created["state"].ShouldBe("open");
        created["severity"].ShouldBe("sev1");
        created["owner"].ShouldBe("frontline");
        created["escalation_level"].ShouldBe(0L);
        created["acknowledged_at"].ShouldBeNull();
        created["fields"].ShouldBe("""{"issue_type":"network_outage","impact":"production"}""");

        // The 30-minute steps run with no event: the commander takes over and on-call is assigned.
        await engine.AdvanceAsync(TimeSpan.FromMinutes(31));
        await EngineFixture.Eventually(() => Task.FromResult((string?)Row(engine, "INC-1")["owner"] == "commander"), "the 30-minute escalation is stored");
        var escalated = Row(engine, "INC-1");
        escalated["state"].ShouldBe("escalated");
        escalated["escalation_level"].ShouldBe(1L);
        escalated["updated_at"].ShouldBe(T0.AddMinutes(31).ToUnixTimeMilliseconds()); // the engine's clock when the deadlines ran

        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(32), "acknowledged"));
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-1", T0.AddMinutes(40), "resolved"));
        await engine.PostEventOk(EngineFixture.Event("e4", "INC-1", T0.AddMinutes(41), "closed"));
        var closed = Row(engine, "INC-1");
        closed["state"].ShouldBe("closed");
        closed["closed"].ShouldBe(1L);
        closed["acknowledged_at"].ShouldBe(T0.AddMinutes(32).ToUnixTimeMilliseconds());
        closed["resolved_at"].ShouldBe(T0.AddMinutes(40).ToUnixTimeMilliseconds());
        closed["updated_at"].ShouldBe(T0.AddMinutes(41).ToUnixTimeMilliseconds()); // the engine's clock when they came
    }

    [Fact]
    public async Task ATicketCreatedClosedAndReopenedInOneBatchIsStoredOpenOnceWithItsState()
    {
        await using var engine = await EngineFixture.StartAsync();
        var batch = new
        {
            events = new[]
            {
                EngineFixture.Created("b1", "INC-2", T0, severity: "sev3", issueType: "other"),
                EngineFixture.Event("b2", "INC-2", T0.AddMinutes(1), "resolved"),
                EngineFixture.Event("b3", "INC-2", T0.AddMinutes(2), "closed"),
                EngineFixture.Event("b4", "INC-2", T0.AddMinutes(3), "reopened"),
                EngineFixture.Created("b5", "INC-2", T0.AddMinutes(4), severity: "sev3", issueType: "other"),
            },
        };

        var refused = await engine.Http.PostAsJsonAsync("/v1/events:batch", batch);
        var accepted = await engine.Http.PostAsJsonAsync("/v1/events:batch", new { events = batch.events[..4] });

        refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
        accepted.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var states = System.Text.Json.Nodes.JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["results"]!.AsArray().Select(r => (string?)r!["state"]).ToList();
        states.ShouldBe(["open", "resolved", "closed", "open"]);
        var row = Row(engine, "INC-2");
        row["closed"].ShouldBe(0L);
        row["state"].ShouldBe("open");
        row["resolved_at"].ShouldBeNull(); // a reopen clears it
        (await engine.GetJson("/v1/tickets/INC-2"))!["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task ADatabaseFromBeforeTheStateColumnsIsMigratedAndItsOpenTicketsFilledAtStart()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-OLD", T0, severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.StopHostAsync();

        OlderSchema.TakeBack(engine.Database, 1);
        using (var connection = new SqliteConnection($"Data Source={engine.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'tickets'";
            ((string)command.ExecuteScalar()!).ShouldNotContain("state");
        }

        await engine.StartHostAsync();

        var row = Row(engine, "INC-OLD");
        row["state"].ShouldBe("open");
        row["severity"].ShouldBe("sev2");
        row["owner"].ShouldBe("frontline");
        row["fields"].ShouldBe("""{"issue_type":"database","impact":"degraded"}""");
    }

    [Fact]
    public async Task DeadlinesRunAtStartAreWrittenToTheTicketsRowInTheStartsOwnTransaction()
    {
        // No sink takes these decisions, so no delivery report runs a group after the start.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:Sinks:0:Owners:0=nobody");
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.StopHostAsync();

        // The 30-minute steps fall due while the engine is stopped and run when it starts.
        engine.Time.Advance(TimeSpan.FromMinutes(31));
        await engine.StartHostAsync(); // the start replays, then runs what fell due
        await engine.StopHostAsync(); // with no request in between

        var row = Row(engine, "INC-1");
        row["owner"].ShouldBe("commander");
        row["state"].ShouldBe("escalated");
        row["escalation_level"].ShouldBe(1L);
    }

    private static Dictionary<string, object?> Row(EngineFixture engine, string ticket)
    {
        using var connection = new SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM tickets WHERE ticket_id = $id";
        command.Parameters.AddWithValue("$id", ticket);
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue();
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }
}
