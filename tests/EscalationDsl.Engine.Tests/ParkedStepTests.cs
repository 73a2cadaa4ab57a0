using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// An `every ... while C` step whose C cannot hold parks (docs/runtime.md, "Parked steps"): the
/// engine keeps no deadline for it, and a later event that makes C hold resumes it on its tick grid.
/// Real HTTP and SQLite; only the clock is fake.
/// </summary>
public sealed class ParkedStepTests
{
    private const string Pager = """
        policy "pager" version 1
        owners {
            group oncall "On-call" engineering
        }
        fields {
            new_impact flag
        }
        severity sev1 { }
        escalation pager for sev1 {
            every 15m while not acknowledged or new_impact up to 4 times: page oncall
        }
        """;

    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task AnAcknowledgedTicketKeepsNoDeadlineForItsPagingStepUntilAnEventMakesItPageAgain()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["pager.esc"] = Pager });
        await engine.PostEventOk(EngineFixture.Event("e1", "INC-P", T0, "created", new { severity = "sev1" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-P", T0.AddMinutes(20), "acknowledged"));
        (await NextDeadline(engine)).ShouldBe("2026-11-02T14:30:00Z", "the tick at 14:30 has not run yet");

        // The 14:30 tick finds the ticket acknowledged: the step parks, and nothing is due any more
        // (before, 14:45, 15:00, ... each woke the scheduler to skip the step).
        await engine.AdvanceAsync(TimeSpan.FromMinutes(10));
        var parked = (await engine.GetJson("/v1/tickets/INC-P"))!;
        parked["next_deadline"].ShouldBeNull("a parked step wakes nothing");
        Clock(parked, "pager #0").ShouldBe(("parked", null));

        // An hour later nothing has been paged since the first page.
        await engine.AdvanceAsync(TimeSpan.FromMinutes(40));
        Pages(engine).ShouldBe(["2026-11-02T14:15:00Z"]);

        // New impact at 15:10 makes the step page again, on its grid: 15:15, 15:30, 15:45 (the cap of 4).
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-P", T0.AddMinutes(70), "field_set", new { fields = new { new_impact = "true" } }));
        (await NextDeadline(engine)).ShouldBe("2026-11-02T15:15:00Z");
        await engine.AdvanceAsync(TimeSpan.FromMinutes(5));
        await EngineFixture.Eventually(() => Task.FromResult(Pages(engine).Count == 2), "the page at 15:15 is delivered");
        Pages(engine).ShouldBe(["2026-11-02T14:15:00Z", "2026-11-02T15:15:00Z"]);
        (await NextDeadline(engine)).ShouldBe("2026-11-02T15:30:00Z");
        engine.Delivered().Last()["id"]!.GetValue<string>().ShouldBe("INC-P/pager/0/2/0.0");

        // A restart rebuilds the ticket from its log, parked ticks and all, and pages nothing twice.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await engine.AdvanceAsync(TimeSpan.FromMinutes(35));
        await EngineFixture.Eventually(() => Task.FromResult(Pages(engine).Count == 4), "the pages at 15:30 and 15:45 are delivered");
        Pages(engine).ShouldBe(["2026-11-02T14:15:00Z", "2026-11-02T15:15:00Z", "2026-11-02T15:30:00Z", "2026-11-02T15:45:00Z"]);
        (await engine.GetJson("/v1/tickets/INC-P"))!["next_deadline"].ShouldBeNull("the step reached its cap");
    }

    private static async Task<string?> NextDeadline(EngineFixture engine) =>
        (string?)(await engine.GetJson("/v1/tickets/INC-P"))!["next_deadline"];

    private static List<string> Pages(EngineFixture engine) =>
        [.. engine.Delivered().Where(d => (string?)d["kind"] == "page").Select(d => d["at"]!.GetValue<string>())];

    private static (string? Status, string? Due) Clock(JsonNode ticket, string name) =>
        ticket["clocks"]!.AsArray().Where(c => (string?)c!["name"] == name).Select(c => ((string?)c!["status"], (string?)c["due"])).Single();
}
