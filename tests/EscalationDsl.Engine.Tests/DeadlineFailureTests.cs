using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A ticket whose deadline run throws (only a bug can make it): the tick fails and memory is rebuilt
/// from the database, as for any bug on the loop; a ticket that throws again once rebuilt is set
/// aside, so every other ticket's deadlines still fire. No input makes the runtime throw, so the tests
/// plant the bug: they damage one open ticket's memory on the loop thread (its clock array emptied),
/// once (damaged memory) or again whenever memory is rebuilt (a bug the stored ticket always meets).
/// The loop, the runtime, the store and the HTTP API are real.
/// </summary>
public sealed class DeadlineFailureTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task ATicketWhoseMemoryWasDamagedIsRebuiltAndItsDeadlinesFire()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "DAMAGED-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0));
        await OnLoop(engine, loop => Damage(loop, "DAMAGED-1").ShouldBeTrue());

        await engine.AdvanceAsync(TimeSpan.FromMinutes(16));

        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count(d => (string?)d["kind"] == "page") == 2), "both pages are delivered");
        engine.Delivered().Select(d => (string)d["id"]!).ShouldBeUnique();
        (await engine.GetJson("/v1/tickets/DAMAGED-1"))!["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task ATicketWhoseRunThrowsAgainOnceRebuiltIsSetAsideAndTheOthersStillFire()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "BROKEN-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0));

        // The bug comes back whenever the loop has rebuilt its memory (and whenever deadlines move).
        var planted = 0;
        void Again() => planted += Damage(engine.Loop, "BROKEN-1") ? 1 : 0;
        engine.Loop.DeadlinesChanged += Again;
        await OnLoop(engine, loop => Again());

        await engine.AdvanceAsync(TimeSpan.FromMinutes(16));

        // INC-2 paged at 15 minutes; BROKEN-1 ran nothing and stored nothing, and is set aside.
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["id"] == "INC-2/sev1_production/0/1/1.0")), "INC-2's page is delivered");
        planted.ShouldBeGreaterThan(1, "the bug was met again after memory was rebuilt");
        engine.Delivered().ShouldNotContain(d => (string?)d["ticket"] == "BROKEN-1");
        var read = await engine.Http.GetAsync("/v1/tickets/BROKEN-1");
        read.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        ((string?)JsonNode.Parse(await read.Content.ReadAsStringAsync())!["title"]).ShouldBe("Ticket unavailable");
        (await engine.PostEvent(EngineFixture.Event("e3", "BROKEN-1", T0.AddMinutes(16), "acknowledged"))).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await engine.Http.GetStringAsync("/metrics")).ShouldContain("esc_open_tickets{otel_scope_name=\"EscalationDsl.Engine\",owner=\"frontline\",policy=\"support\",state=\"open\"} 1", Case.Sensitive, "the ticket set aside leaves the gauge");

        // Later deadlines of the other tickets still fire.
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        (await engine.GetJson("/v1/tickets/INC-2"))!["escalation_level"]!.GetValue<int>().ShouldBe(1);

        // A restart rebuilds the ticket from its stored log (here the bug was planted in memory) and
        // fires what fell due for it, once; nothing of INC-2 is sent again.
        engine.Loop.DeadlinesChanged -= Again;
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["id"] == "BROKEN-1/sev1_production/0/1/1.0")), "BROKEN-1's page is delivered after the restart");
        await engine.AdvanceAsync(TimeSpan.FromSeconds(1));
        engine.Delivered().Select(d => (string)d["id"]!).ShouldBeUnique();
        (await engine.GetJson("/v1/tickets/BROKEN-1"))!["escalation_level"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ATicketChangedEarlierInTheGroupIsNotSetAsideTheGroupFailsAndMemoryIsRebuilt()
    {
        // Set aside there, its row would be written from the memory the failed run left, and memory a
        // bug damaged would not be mended: the group fails instead and each item runs again alone.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "BROKEN-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0));

        // Its run threw before (memory was rebuilt since), so one more throw sets it aside.
        await OnLoop(engine, loop => FailedRuns(loop).Add("BROKEN-1"));

        // One group: an event for it, its memory damaged (once), then its deadlines fall due.
        var update = LoopItems.Request(EngineFixture.Event("e3", "BROKEN-1", T0.AddMinutes(1), "field_set", new { fields = new { root_cause = "bgp flap" } }));
        var damaged = 0;
        var gate = await LoopGate.Hold(engine.Loop, ahead: true);
        engine.Loop.Post(update);
        engine.Loop.Post(new AheadAction(loop => damaged += damaged == 0 && Damage(loop, "BROKEN-1") ? 1 : 0));
        engine.Time.Advance(TimeSpan.FromMinutes(16));
        engine.Loop.Post(new AdvanceItem());
        gate.Release.SetResult();

        (await update.Task.WaitAsync(TimeSpan.FromSeconds(30))).Error.ShouldBeNull();
        damaged.ShouldBe(1);

        // Rebuilt from the database, with the event stored, its run goes through: both pages fire once.
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count(d => (string?)d["kind"] == "page") == 2), "both pages are delivered");
        await engine.Settled();
        var ticket = (await engine.GetJson("/v1/tickets/BROKEN-1")).ShouldNotBeNull("the ticket is not set aside");
        ticket["fields"]!["root_cause"]!.GetValue<string>().ShouldBe("bgp flap");
        engine.Delivered().Select(d => (string)d["id"]!).ShouldBeUnique();
    }

    /// <summary>Runs an action on the loop thread, between work items.</summary>
    private static async Task OnLoop(EngineFixture engine, Action<EngineLoop> action)
    {
        var item = new CommandItem<bool>(loop =>
        {
            action(loop);
            return true;
        });
        engine.Loop.Post(item);
        (await item.Task.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
    }

    /// <summary>The tickets whose deadline run threw and has not gone through since (loop thread only).</summary>
    private static HashSet<string> FailedRuns(EngineLoop loop) =>
        (HashSet<string>)typeof(EngineLoop).GetField("failedRuns", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(loop)!;

    /// <summary>Empties an open ticket's clock array (loop thread only), so its next deadline run throws; false if it is not in memory.</summary>
    private static bool Damage(EngineLoop loop, string ticketId)
    {
        var open = (OpenTicketSet)typeof(EngineLoop).GetField("tickets", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(loop)!;
        if (!open.TryGetValue(ticketId, out var ticket))
        {
            return false;
        }

        typeof(Ticket).GetField("Clock", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(ticket, Array.Empty<int>());
        return true;
    }
}
