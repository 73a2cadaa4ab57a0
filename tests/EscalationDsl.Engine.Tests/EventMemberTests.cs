namespace EscalationDsl.Engine.Tests;

/// <summary>The members of an event the engine checks beyond their JSON type: the messages for members every event needs.</summary>
public sealed class EventMemberTests
{
    [Theory]
    [InlineData("{\"id\":\"x\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\"}", "ticket", "ticket: every event needs the id of the ticket it belongs to")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"T\",\"type\":\"created\"}", "at", "at: every event needs the time it happened, an ISO 8601 time with an offset such as 2026-11-26T14:05:00Z")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\"}", "type", "type: every event needs its type, one of created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\"}", "ticket", "ticket: must not be empty; every event needs the id of the ticket it belongs to")]
    public async Task AMissingMemberIsNamedInASentenceThatSaysWhatItHolds(string body, string field, string detail)
    {
        // They were "type: required" and "at: required", next to full sentences for every other problem.
        await using var engine = await EngineFixture.StartAsync();

        var one = await engine.Http.PostAsync("/v1/events", EngineFixture.Raw(body));
        var batch = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw($"[{body}]"));

        await EngineFixture.ShouldBeBadRequest(one, field, detail);
        await EngineFixture.ShouldBeBadRequest(batch, $"events[0].{field}", $"events[0]: {detail}");
    }
}
