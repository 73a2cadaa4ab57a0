namespace EscalationDsl.Engine.Tests;

/// <summary>
/// The members of an event the engine checks beyond their JSON type: those its type does not apply,
/// the policy named after the created event, and the messages for members every event needs.
/// </summary>
public sealed class EventMemberTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private const string SeverityProblem = "severity: 'sev9' is not a severity of policy 'support' (sev1, sev2, sev3); an acknowledged event does not apply its severity (created and severity_changed events do), but a value it carries must still be valid";

    [Fact]
    public async Task ASeverityAnAcknowledgedEventDoesNotApplyIsRefusedWhenThePolicyHasNoSuchSeverity()
    {
        // It was read and ignored: {"type":"acknowledged","severity":"sev9"} was a 200.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var one = await engine.PostEvent(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(5), "acknowledged", new { severity = "sev9" }));
        var batch = await engine.PostBatch(EngineFixture.Event("e3", "INC-1", T0.AddMinutes(5), "acknowledged", new { severity = "sev9" }));

        await EngineFixture.ShouldBeBadRequest(one, "severity", $"Event 'e2': {SeverityProblem}");
        await EngineFixture.ShouldBeBadRequest(batch, "events[0].severity", $"Event 'e3': {SeverityProblem}");
        var ticket = (await engine.GetJson("/v1/tickets/INC-1"))!;
        ((string?)ticket["severity"]).ShouldBe("sev1");
        ticket["clocks"]!.ToJsonString().ShouldNotContain("\"met\"", Case.Sensitive, "neither event was applied");
    }

    [Fact]
    public async Task MembersAnEventDoesNotApplyAreAcceptedWhenTheyAreValidAndChangeNothing()
    {
        // An integration that sends the ticket's whole state on every event, as esc sim replays it.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(5), "acknowledged", new { policy = "support", severity = "sev2", issue_type = "database", flag = "security_flagged" }));

        var ticket = (await engine.GetJson("/v1/tickets/INC-1"))!;
        ((string?)ticket["severity"]).ShouldBe("sev1");
        ((string?)ticket["fields"]!["issue_type"]).ShouldBe("network_outage");
        ((string?)ticket["fields"]!["security_flagged"]).ShouldNotBe("true");
    }

    [Fact]
    public async Task ALaterEventThatNamesAnotherPolicyThanTheTicketsIsRefused()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var open = await engine.PostEvent(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "acknowledged", new { policy = "billing" }));
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-1", T0.AddMinutes(2), "closed", new { policy = "support" }));
        var closed = await engine.PostEvent(EngineFixture.Event("e4", "INC-1", T0.AddMinutes(3), "reopened", new { policy = "billing" }));

        // An open ticket is checked ahead of the store; a closed one is read from it: the same answer.
        await EngineFixture.ShouldBeBadRequest(open, "policy", "Event 'e2': policy: ticket 'INC-1' runs under policy 'support', not 'billing'; only its created event chooses the policy, so a later event names that one or leaves \"policy\" out.");
        await EngineFixture.ShouldBeBadRequest(closed, "policy", "Event 'e4': policy: ticket 'INC-1' runs under policy 'support', not 'billing'; only its created event chooses the policy, so a later event names that one or leaves \"policy\" out.");
    }

    [Theory]
    [InlineData("\"fields\":{\"note:x\":[1]}", "fields.note:x", "fields.note:x: must be a string, number, true, false or null")]
    [InlineData("\"a:b\":1", "a:b", "a:b: unknown field (fields of the ticket go inside \"fields\"; see docs/events.md)")]
    [InlineData("\"fields\":{\"impact\":\"production\",\"note:x\":\"1\"}", "fields.note:x", "Event 'x': fields.note:x: policy 'support' has no settable field 'note:x'")]
    [InlineData("\"severty\":\"sev1\"", "severty", "severty: unknown field; did you mean severity? (fields of the ticket go inside \"fields\"; see docs/events.md)")]
    public async Task TheProblemsFieldIsTheMemberAtFaultEvenWhenItsNameHoldsAColon(string member, string field, string detail)
    {
        // The field was the text before the message's first colon: fields.note, and a.
        await using var engine = await EngineFixture.StartAsync();
        var body = $"{{\"id\":\"x\",\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"issue_type\":\"database\",{member}}}";

        await ShouldBeRefusedAloneAndInABatch(engine, body, field, detail, detail.StartsWith("Event ", StringComparison.Ordinal) ? detail : $"events[0]: {detail}");
    }

    /// <summary>Posts the event alone and as a batch of one: both are refused with the field and detail (the batch's own detail).</summary>
    private static async Task ShouldBeRefusedAloneAndInABatch(EngineFixture engine, string body, string field, string detail, string batchDetail)
    {
        var one = await engine.Http.PostAsync("/v1/events", EngineFixture.Raw(body));
        var batch = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw($"[{body}]"));

        await EngineFixture.ShouldBeBadRequest(one, field, detail);
        await EngineFixture.ShouldBeBadRequest(batch, $"events[0].{field}", batchDetail);
    }

    [Theory]
    [InlineData("{\"id\":\"x\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\"}", "ticket", "ticket: every event needs the id of the ticket it belongs to")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"T\",\"type\":\"created\"}", "at", "at: every event needs the time it happened, an ISO 8601 time with an offset such as 2026-11-26T14:05:00Z")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\"}", "type", "type: every event needs its type, one of created, acknowledged, first_update, customer_update, assigned, field_set, severity_changed, flagged, workaround_failed, mitigation, status, resolved, closed, reopened")]
    [InlineData("{\"id\":\"x\",\"ticket\":\"\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\"}", "ticket", "ticket: must not be empty; every event needs the id of the ticket it belongs to")]
    public async Task AMissingMemberIsNamedInASentenceThatSaysWhatItHolds(string body, string field, string detail)
    {
        // They were "type: required" and "at: required", next to full sentences for every other problem.
        await using var engine = await EngineFixture.StartAsync();

        await ShouldBeRefusedAloneAndInABatch(engine, body, field, detail, $"events[0]: {detail}");
    }
}
