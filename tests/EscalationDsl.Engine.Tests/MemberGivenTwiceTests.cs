using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A member written twice in an event (a merge gone wrong, a template bug) is refused before anything is
/// stored, with the path of the member, on every way events come in; an event stored before the rule replays as it ran.
/// </summary>
public sealed class MemberGivenTwiceTests
{
    private const string Twice = "given twice in the event; keep one (the last would silently win)";

    private const string Created = "\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"issue_type\":\"network_outage\"";

    [Fact]
    public async Task AnEventWithItsTicketGivenTwiceIsRefusedAndNeitherTicketIsMade()
    {
        // It answered 200 and made ticket D2.
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.Http.PostAsync("/v1/events", EngineFixture.Raw($"{{\"id\":\"d1\",\"ticket\":\"D\",{Created},\"ticket\":\"D2\"}}"));

        await EngineFixture.ShouldBeBadRequest(response, "ticket", $"ticket: {Twice}");
        (await engine.GetJson("/v1/tickets/D")).ShouldBeNull();
        (await engine.GetJson("/v1/tickets/D2")).ShouldBeNull();
    }

    [Fact]
    public async Task ABatchWithAFieldGivenTwiceInOneEventIsRefusedWhole()
    {
        await using var engine = await EngineFixture.StartAsync();
        var body = $"{{\"events\":[{{\"id\":\"a1\",\"ticket\":\"A\",{Created}}},{{\"id\":\"b1\",\"ticket\":\"B\",{Created},\"fields\":{{\"impact\":\"production\",\"impact\":\"internal\"}}}}]}}";

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body));

        await EngineFixture.ShouldBeBadRequest(response, "events[1].fields.impact", "events[1]: fields.impact: given twice in \"fields\"; keep one (the last would silently win)");
        (await engine.GetJson("/v1/tickets/A")).ShouldBeNull();
    }

    [Fact]
    public async Task ABatchWithItsEventsGivenTwiceIsRefused()
    {
        // The first list was dropped without a word: its events were never applied.
        await using var engine = await EngineFixture.StartAsync();
        var body = $"{{\"events\":[{{\"id\":\"a1\",\"ticket\":\"A\",{Created}}}],\"events\":[{{\"id\":\"b1\",\"ticket\":\"B\",{Created}}}]}}";

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body));

        await EngineFixture.ShouldBeBadRequest(response, "events", "'events' is given twice: the body is {\"events\": [ ... ]}, one list that holds every event; keep one (the last would silently win).");
        (await engine.GetJson("/v1/tickets/B")).ShouldBeNull();
    }

    [Fact]
    public async Task AJsonLinesBatchNamesTheLineWhoseEventGivesAMemberTwice()
    {
        await using var engine = await EngineFixture.StartAsync();
        var body = $"{{\"id\":\"a1\",\"ticket\":\"A\",{Created}}}\n{{\"id\":\"b1\",\"id\":\"b2\",\"ticket\":\"B\",{Created}}}\n";

        var response = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(body, "application/x-ndjson"));

        await EngineFixture.ShouldBeBadRequest(response, "id", $"line 2: id: {Twice}");
        (await engine.GetJson("/v1/tickets/A")).ShouldBeNull();
    }

    [Fact]
    public async Task AnEventStoredWithAMemberGivenTwiceStillReplaysWithItsLastValue()
    {
        // Taken before the rule, as written: refusing it now would set its ticket aside at the next start.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start, severity: "sev1"));
        await engine.StopHostAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE events SET body = replace(body, '\"severity\":\"sev1\"', '\"severity\":\"sev3\",\"severity\":\"sev1\"') WHERE event_id = 'e1'";
            command.ExecuteNonQuery().ShouldBe(1);
        }

        await engine.StartHostAsync();

        var ticket = await engine.GetJson("/v1/tickets/INC-1");
        ticket.ShouldNotBeNull();
        ((string?)ticket["severity"]).ShouldBe("sev1");
    }
}
