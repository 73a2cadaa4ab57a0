using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EscalationDsl.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EscalationDsl.Engine.Tests;

/// <summary>Stopping and restarting the host on the same files, and reloading policies while running.</summary>
public sealed class RestartAndReloadTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task ATicketWhoseLogCannotBeReplayedIsLeftOutAndTheEngineStillStarts()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-OK", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-BAD", T0));
        await engine.RestartWithDamagedEvent("e2");

        (await engine.GetJson("/v1/tickets/INC-OK"))!["state"]!.GetValue<string>().ShouldBe("open");
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-BAD"), "INC-BAD", field: null);
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-BAD/timeline"), "INC-BAD", field: null);
        await engine.PostEventOk(EngineFixture.Created("e3", "INC-NEW", T0.AddMinutes(1)));

        // Events for it are refused with their own answer (as often as they come), and a batch
        // naming it is refused whole, leaving the other tickets as they were.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event($"e4-{attempt}", "INC-BAD", T0.AddMinutes(2), "acknowledged")), "INC-BAD", "ticket");
        }

        await EngineFixture.ShouldBeUnavailable(await engine.PostBatch(
            EngineFixture.Event("e5", "INC-OK", T0.AddMinutes(2), "acknowledged"),
            EngineFixture.Event("e6", "INC-BAD", T0.AddMinutes(2), "acknowledged")), "INC-BAD", "events[1].ticket");
        (await engine.GetJson("/v1/tickets/INC-OK"))!["state"]!.GetValue<string>().ShouldBe("open");
        await EngineFixture.ShouldBeUnavailable(await engine.Http.PostAsync("/v1/tickets/INC-BAD:migrate", null), "INC-BAD", field: null);
        await engine.PostEventOk(EngineFixture.Event("e7", "INC-OK", T0.AddMinutes(3), "acknowledged"));
    }

    [Fact]
    public async Task AClosedTicketWhoseLogCannotBeReplayedIsRefusedWhenAnEventReopensIt()
    {
        await using var engine = await EngineFixture.StartAsync();
        await CreateClosed(engine, "INC-CLOSED", "c");
        await engine.PostEventOk(EngineFixture.Created("c4", "INC-OTHER", T0.AddMinutes(2)));
        await engine.RestartWithDamagedEvent("c2"); // closed tickets are not replayed at start: the damage shows later

        // Its timeline, the first thing to read its log here, says so too.
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-CLOSED/timeline"), "INC-CLOSED", field: null);

        // The first event that needs its log finds the damage; it and every later one get the same
        // answer, and events of other tickets in the same batch are not applied either (all or nothing).
        await EngineFixture.ShouldBeUnavailable(await engine.PostBatch(
            EngineFixture.Event("c5", "INC-OTHER", T0.AddMinutes(3), "acknowledged"),
            EngineFixture.Event("c6", "INC-CLOSED", T0.AddMinutes(3), "reopened")), "INC-CLOSED", "events[1].ticket");
        (await engine.GetJson("/v1/tickets/INC-OTHER"))!["state"]!.GetValue<string>().ShouldBe("open");
        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("c7", "INC-CLOSED", T0.AddMinutes(4), "reopened")), "INC-CLOSED", "ticket");
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-CLOSED"), "INC-CLOSED", field: null);
        (await engine.PostEventOk(EngineFixture.Event("c8", "INC-OTHER", T0.AddMinutes(5), "acknowledged")))["state"]!.GetValue<string>().ShouldBe("acknowledged");
    }

    [Fact]
    public async Task TicketsPinnedToAStoredVersionThatNoLongerBindsAreUnavailableAndTheOthersRun()
    {
        // As after an upgrade whose language refuses an old policy text: the running file is
        // version 2, the tickets pinned to version 1 cannot be rebuilt, everything else goes on.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("p1", "INC-V1", T0));
        await engine.StopHostAsync();
        BreakStoredVersionOne(engine);
        await engine.StartHostAsync();

        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("p2", "INC-V1", T0.AddMinutes(1), "acknowledged")), "INC-V1", "ticket");
        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-V1"), "INC-V1", field: null);
        (await engine.PostEventOk(EngineFixture.Created("p3", "INC-V2", T0.AddMinutes(1))))["policy_version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task AnInvalidEventForAClosedTicketIsRefusedAsInvalidAndTheTicketStaysAvailable()
    {
        await using var engine = await EngineFixture.StartAsync();
        await CreateClosed(engine, "INC-C", "c");

        var bad = await engine.PostEvent(EngineFixture.Event("c4", "INC-C", T0.AddMinutes(3), "severity_changed", new { severity = "sev9" }));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
        (await engine.GetJson("/v1/tickets/INC-C"))!["state"]!.GetValue<string>().ShouldBe("closed");
        (await engine.PostEventOk(EngineFixture.Event("c5", "INC-C", T0.AddMinutes(4), "reopened")))["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task AReopenedTicketIsStoredAsOpenAndIsStillOpenAfterARestart()
    {
        await using var engine = await EngineFixture.StartAsync();
        await CreateClosed(engine, "INC-R", "c");
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(0);

        await engine.PostEventOk(EngineFixture.Event("c4", "INC-R", T0.AddMinutes(3), "reopened"));
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(1);
        (await engine.Http.GetStringAsync("/metrics")).ShouldContain("esc_open_tickets{otel_scope_name=\"EscalationDsl.Engine\",owner=\"frontline\",policy=\"support\",state=\"open\"} 1");

        await engine.StopHostAsync();
        await engine.StartHostAsync();

        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(1, "the reopened ticket is open in the database too");
    }

    [Fact]
    public async Task AMigrationTheNewVersionCannotReplayLeavesTheTicketAvailable()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await engine.PostEventOk(EngineFixture.Created("m1", "INC-M", T0, severity: "sev3", issueType: "database", fields: new { impact = "degraded" }));

        // Version 2 has no severity sev3, so the ticket's log does not replay under it.
        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good
            .Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal)
            .Replace("sev3", "sev4", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await engine.Http.PostAsync("/v1/tickets/INC-M:migrate", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ((string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]).ShouldBe(
            "Ticket 'INC-M' cannot move: version 2 of policy 'support' refuses its created event 'm1' at 2026-11-02T14:00:00Z: severity: 'sev3' is not a severity of policy 'support' (sev1, sev2, sev4). It stays on version 1.");

        (await engine.GetJson("/v1/tickets/INC-M"))!["policy_version"]!.GetValue<int>().ShouldBe(1);
        var timeline = await engine.Http.GetAsync("/v1/tickets/INC-M/timeline");
        timeline.StatusCode.ShouldBe(HttpStatusCode.OK, await timeline.Content.ReadAsStringAsync());
        (await engine.PostEventOk(EngineFixture.Created("m1", "INC-M", T0, severity: "sev3", issueType: "database", fields: new { impact = "degraded" })))["replayed"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task ATicketARefusedMigrationLeavesKeepsItsDeadlinesAndSurvivesARestart()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await engine.PostEventOk(EngineFixture.Created("k1", "INC-K", T0, severity: "sev3", issueType: "database", fields: new { impact = "degraded" }));
        var before = (await engine.GetJson("/v1/tickets/INC-K"))!.ToJsonString();
        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good
            .Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal)
            .Replace("sev3", "sev4", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await engine.Http.PostAsync("/v1/tickets/INC-K:migrate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var bulk = await engine.Http.PostAsync("/v1/policies/support:migrate", null);
        bulk.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((bool?)JsonNode.Parse(await bulk.Content.ReadAsStringAsync())!.AsArray().ShouldHaveSingleItem()!["migrated"]).ShouldBe(false);

        (await engine.GetJson("/v1/tickets/INC-K"))!.ToJsonString().ShouldBe(before);
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(1);
        await engine.AdvanceAsync(TimeSpan.FromDays(7));
        var after = (await engine.GetJson("/v1/tickets/INC-K"))!.ToJsonString();
        after.ShouldNotBe(before, "its deadlines still run");

        await engine.StopHostAsync();
        await engine.StartHostAsync();
        (await engine.GetJson("/v1/tickets/INC-K"))!["policy_version"]!.GetValue<int>().ShouldBe(1);
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task TheTimelineOfAClosedTicketPinnedToAVersionThatNoLongerBindsIsUnavailable()
    {
        await using var engine = await EngineFixture.StartAsync();
        await CreateClosed(engine, "INC-V1", "p");
        await engine.StopHostAsync();
        BreakStoredVersionOne(engine);
        await engine.StartHostAsync();

        await EngineFixture.ShouldBeUnavailable(await engine.Http.GetAsync("/v1/tickets/INC-V1/timeline"), "INC-V1", field: null);
    }

    [Fact]
    public async Task ARetriedEventOfATicketThatCannotBeRebuiltIsAnsweredUnavailable()
    {
        await using var engine = await EngineFixture.StartAsync();
        await CreateClosed(engine, "INC-R", "r");
        await engine.StopHostAsync();
        BreakStoredVersionOne(engine);
        await engine.StartHostAsync();

        // The retry is answered from the ticket's log, which cannot be replayed any more.
        await EngineFixture.ShouldBeUnavailable(await engine.PostEvent(EngineFixture.Event("r3", "INC-R", T0.AddMinutes(2), "closed")), "INC-R", "ticket");
        await engine.PostEventOk(EngineFixture.Created("r4", "INC-OTHER", T0.AddMinutes(3)));
    }

    /// <summary>
    /// As after an upgrade whose language refuses an old policy text: the running file becomes
    /// version 2 and the stored text of version 1 no longer binds. Call with the host stopped.
    /// </summary>
    private static void BreakStoredVersionOne(EngineFixture engine)
    {
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good.Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE policies SET source = 'policy \"support\" version 1 {' WHERE version = 1";
        command.ExecuteNonQuery().ShouldBe(1);
    }

    /// <summary>Creates a ticket at T0, resolves it a minute later and closes it the minute after (event ids PREFIX1 to PREFIX3).</summary>
    private static async Task CreateClosed(EngineFixture engine, string ticket, string prefix)
    {
        await engine.PostEventOk(EngineFixture.Created($"{prefix}1", ticket, T0));
        await engine.PostEventOk(EngineFixture.Event($"{prefix}2", ticket, T0.AddMinutes(1), "resolved"));
        await engine.PostEventOk(EngineFixture.Event($"{prefix}3", ticket, T0.AddMinutes(2), "closed"));
    }

    [Fact]
    public async Task ARestartReplaysStoredEventsAsTheyWereAcceptedEvenWhereTodaysChecksAreStricter()
    {
        // Checking every stored event against its version at restart set aside a ticket whose event an
        // older esc had accepted (here: a value the enum does not list, written into the log by hand).
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("u1", "INC-U", T0, severity: "sev3", issueType: "database", fields: new { impact = "degraded" }));
        await engine.StopHostAsync();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={engine.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE events SET body = replace(body, '\"degraded\"', '\"catastrophic\"') WHERE event_id = 'u1'";
            command.ExecuteNonQuery().ShouldBe(1);
        }

        await engine.StartHostAsync();

        var ticket = await engine.Http.GetAsync("/v1/tickets/INC-U");
        ticket.StatusCode.ShouldBe(HttpStatusCode.OK, await ticket.Content.ReadAsStringAsync());
        (await engine.GetJson("/v1/tickets/INC-U"))!["fields"]!["impact"]!.GetValue<string>().ShouldBe("catastrophic");
    }

    [Fact]
    public async Task DeadlinesThatPassWhileStoppedFireOnceOnStartAndNothingIsLost()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0.AddMinutes(1), severity: "sev2", issueType: "database", fields: new { impact = "degraded" }));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(16));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Count >= 3), "the 15-minute decisions are delivered");
        var beforeStop = engine.Delivered().Select(d => (string)d["id"]!).ToList();

        await engine.StopHostAsync();
        engine.Time.Advance(TimeSpan.FromHours(5));
        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();
        engine.Logs.Lines.ShouldContain("Ran 2 deadlines that fell due while the engine was down", "one for each ticket");

        // Both fall due while stopped; they are delivered one after the other, so wait for both.
        await EngineFixture.Eventually(
            () => Task.FromResult(engine.Delivered().Select(d => (string?)d["id"]).ToHashSet() is var seen
                && seen.Contains("INC-2/sev2_degraded/1/1/0") && seen.Contains("INC-1/sev1_production/3/1/0")),
            "the 4-hour escalation of INC-2 and the third step of INC-1 fire on start");
        await engine.AdvanceAsync(TimeSpan.FromSeconds(1));
        var ids = engine.Delivered().Select(d => (string)d["id"]!).ToList();
        ids.ShouldBeUnique();
        ids.ShouldContain("INC-1/sev1_production/3/1/0");
        foreach (var id in beforeStop)
        {
            ids.Count(i => i == id).ShouldBe(1);
        }

        var ticket = (await engine.GetJson("/v1/tickets/INC-2"))!;
        ticket["owner"]!.GetValue<string>().ShouldBe("database");
        (await engine.GetJson("/v1/tickets/INC-1"))!["escalation_level"]!.GetValue<int>().ShouldBe(2);

        // A restart before anything else falls due says nothing of late deadlines.
        await engine.StopHostAsync();
        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();
        engine.Logs.Lines.ShouldNotContain(l => l.Contains("fell due while the engine was down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventAcceptedBeforeARestartIsStillThereAndStillIdempotent()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-3", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-3", T0.AddMinutes(2), "acknowledged"));

        await engine.StopHostAsync();
        await engine.StartHostAsync();

        var replay = await engine.PostEventOk(EngineFixture.Event("e2", "INC-3", T0.AddMinutes(2), "acknowledged"));
        replay["replayed"]!.GetValue<bool>().ShouldBeTrue();
        (await engine.GetJson("/v1/tickets/INC-3"))!["state"]!.GetValue<string>().ShouldBe("acknowledged");
    }

    [Fact]
    public async Task ALinkUpThePolicyFolderIsNotFollowed()
    {
        await using var engine = await EngineFixture.StartAsync();
        Directory.CreateSymbolicLink(Path.Combine(engine.Policies, "loop"), ".");

        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var policies = (await engine.GetJson("/v1/policies"))!.AsArray();
        policies.Select(p => (string?)p!["path"]).ShouldBe(["support.esc"]);
        policies[0]!["status"]!.GetValue<string>().ShouldBe("active");
    }

    [Fact]
    public async Task APolicyListsWhenItWasLoadedInUtcAsEveryOtherTime()
    {
        await using var engine = await EngineFixture.StartAsync();
        engine.Time.Advance(TimeSpan.FromMilliseconds(250));
        File.WriteAllText(Path.Combine(engine.Policies, "other.esc"), File.ReadAllText(Path.Combine(engine.Policies, "support.esc")).Replace("policy \"support\"", "policy \"other\"", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var policies = (await engine.GetJson("/v1/policies"))!.AsArray();
        policies.Select(p => (string?)p!["loaded_at"]).ShouldBe(["2026-11-02T14:00:00.250Z", "2026-11-02T14:00:00Z"], "other.esc, then support.esc (whose text did not change)");
    }

    [Theory]
    [InlineData(null, "No policy is loaded: the policy folder (Engine:Policies) holds no .esc file.")]
    [InlineData("not a policy", "No policy is loaded (all were refused); see GET /v1/policies.")]
    public async Task ACreatedEventWithNoPolicyLoadedSaysWhy(string? text, string detail)
    {
        await using var engine = await EngineFixture.StartAsync(text is null ? new Dictionary<string, string>() : new() { ["broken.esc"] = text });

        var response = await engine.PostEvent(EngineFixture.Created("e1", "INC-1", T0));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["detail"]!.GetValue<string>().ShouldBe(detail);
        problem["field"]!.GetValue<string>().ShouldBe("policy");
    }

    [Fact]
    public async Task ABrokenPolicyIsRefusedAndTheRunningVersionKeepsServing()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await engine.PostEventOk(EngineFixture.Created("e1", "OLD-1", T0));

        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good.Replace("escalate to commander", "escalate to comander", StringComparison.Ordinal));
        var reload = await engine.Http.PostAsync("/v1/policies:reload", null);
        reload.StatusCode.ShouldBe(HttpStatusCode.OK);

        var policies = (await engine.GetJson("/v1/policies"))!.AsArray();
        var support = policies.Single(p => (string?)p!["path"] == "support.esc")!;
        support["status"]!.GetValue<string>().ShouldBe("refused");
        support["errors"]!.AsArray()[0]!.GetValue<string>().ShouldContain("error[ESC2003]: Owner 'comander' is not declared");
        var ready = (await engine.GetJson("/readyz"))!;
        ready["policies"]!.AsArray()[0]!["status"]!.GetValue<string>().ShouldBe("refused");

        var created = await engine.PostEventOk(EngineFixture.Created("e2", "NEW-1", T0));
        created["policy_version"]!.GetValue<int>().ShouldBe(1);
        (await engine.GetJson("/v1/tickets/NEW-1"))!["policy_fingerprint"]!.GetValue<string>()
            .ShouldBe((await engine.GetJson("/v1/tickets/OLD-1"))!["policy_fingerprint"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheWatcherReloadsAFileWrittenInStepsOnceWholeAndRefusesABrokenOne()
    {
        // No POST /v1/policies:reload here: the folder's watcher alone picks the changes up. Its quiet
        // period (real time) is thirty times the steps' 100 ms: with 1.5 s, a loaded machine that held
        // the test or the watcher's events back that long between two steps saw a reload of a half-written file.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:ReloadQuietPeriod=00:00:03");
        var path = Path.Combine(engine.Policies, "support.esc");
        var version2 = File.ReadAllText(path).Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal);
        async Task<JsonNode> Support() => (await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!;

        // A deployment writes the new version in ten steps, 100 ms apart; every step but the last is
        // a broken policy, which a reload before the folder settles would refuse.
        var step = version2.Length / 10;
        for (var i = 1; i <= 10; i++)
        {
            File.WriteAllText(path, i == 10 ? version2 : version2[..(i * step)]);
            await Task.Delay(100);
        }

        await EngineFixture.Eventually(async () => (int?)(await Support())["version"] == 2, "version 2 is loaded");
        (await Support())["status"]!.GetValue<string>().ShouldBe("active");
        (await engine.Http.GetStringAsync("/metrics")).ShouldNotContain("esc_policy_refusals_total", Case.Sensitive, "no half-written file was read");
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(2);

        // A broken file written in two steps is refused once (the second step's change was read by the
        // same reload, and used to reload it again), and version 2 keeps serving.
        var broken = version2.Replace("escalate to commander", "escalate to comander", StringComparison.Ordinal);
        File.WriteAllText(path, broken[..(broken.Length / 2)]);
        await Task.Delay(100);
        File.WriteAllText(path, broken);
        await EngineFixture.Eventually(async () => (string?)(await Support())["status"] == "refused", "the broken file is refused");
        await Task.Delay(TimeSpan.FromSeconds(2));
        (await engine.ScrapeUntil(m => m.Contains("esc_policy_refusals_total", StringComparison.Ordinal), "the refusal is counted"))
            .ShouldContain("esc_policy_refusals_total{otel_scope_name=\"EscalationDsl.Engine\"} 1\n", Case.Sensitive, "one reload refused it");
        (await engine.PostEventOk(EngineFixture.Created("e2", "NEW-2", T0)))["policy_version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task AFileChangedBeforeTheWatcherWatchesIsReadWhenItStarts()
    {
        // The engine reads the folder as it starts and the watcher starts watching just after: a change
        // in between raised no event and was read only with the next change. Stopping the watcher, then
        // changing the file and starting it again makes that moment as long as the test needs.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:ReloadQuietPeriod=00:00:00.100");
        var watcher = engine.Services.GetServices<IHostedService>().OfType<EscalationDsl.Engine.Policies.PolicyWatcher>().Single();
        await watcher.StopAsync(CancellationToken.None);
        var path = Path.Combine(engine.Policies, "support.esc");
        File.WriteAllText(path, File.ReadAllText(path).Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal));
        await Task.Delay(500);
        (await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!["version"]!.GetValue<int>().ShouldBe(1, "nothing watches");

        await watcher.StartAsync(CancellationToken.None);

        await EngineFixture.Eventually(
            async () => (int?)(await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!["version"] == 2,
            "version 2 is read when the watcher starts");
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task AFilePutBackToTheRunningTextAfterARefusalIsLoggedAsAcceptedAgain()
    {
        // The refusal was logged; its end was not, so an operator reading the log could not tell it was over.
        await using var engine = await EngineFixture.StartAsync();
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(logs);
        var path = Path.Combine(engine.Policies, "support.esc");
        var good = File.ReadAllText(path);

        File.WriteAllText(path, good + "\nthis is not a policy\n");
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Lines.ShouldContain(l => l.StartsWith("Policy file support.esc refused; version 1 (", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(l => l.Contains("accepted again", StringComparison.Ordinal));

        File.WriteAllText(path, good);
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Lines.Count(l => l.Contains("accepted again", StringComparison.Ordinal)).ShouldBe(1);
        logs.Lines.ShouldContain(l => l.StartsWith("Policy file support.esc is accepted again; version 1 (", StringComparison.Ordinal) && l.EndsWith(") keeps running", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFilePutBackToTheRunningTextIsLoggedAsAcceptedAgainByTheWatcher()
    {
        // As an operator does it: the watcher, not a reload request, reads both edits.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:ReloadQuietPeriod=00:00:00.100");
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(logs);
        var path = Path.Combine(engine.Policies, "support.esc");
        var good = File.ReadAllText(path);

        File.WriteAllText(path, good + "\nthis is not a policy\n");
        await EngineFixture.Eventually(() => Task.FromResult(logs.Lines.Any(l => l.StartsWith("Policy file support.esc refused; version 1 (", StringComparison.Ordinal))), "the watcher refuses the broken text");
        File.WriteAllText(path, good);
        await EngineFixture.Eventually(() => Task.FromResult(logs.Lines.Any(l => l.Contains("accepted again", StringComparison.Ordinal))), "the watcher logs the file accepted again");

        logs.Lines.ShouldContain(l => l.StartsWith("Policy file support.esc is accepted again; version 1 (", StringComparison.Ordinal) && l.EndsWith(") keeps running", StringComparison.Ordinal));
        ((string?)(await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!["status"]).ShouldBe("active");
    }

    [Fact]
    public async Task LintSettingsChangedBeforeTheWatcherStartsAreSeenAsAChange()
    {
        // The watcher reloads on a change to .esclint.json; one made while the engine started (before
        // the watcher watched) raised no event, and the start-up comparison looked at *.esc only.
        await using var engine = await EngineFixture.StartAsync();
        var settings = Path.Combine(engine.Policies, ".esclint.json");
        engine.Loop.Registry.ChangedSinceRead().ShouldBeFalse("nothing changed since the start");

        File.WriteAllText(settings, """{ "rules": { "ESL015": "error" } }""");
        engine.Loop.Registry.ChangedSinceRead().ShouldBeTrue("lint settings added");
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        engine.Loop.Registry.ChangedSinceRead().ShouldBeFalse("the reload read them");

        File.WriteAllText(settings, """{ "rules": { "ESL015": "off" } }""");
        engine.Loop.Registry.ChangedSinceRead().ShouldBeTrue("other bytes");
    }

    [Fact]
    public async Task AWatcherThatStartsOnAnUnchangedFolderDoesNotReload()
    {
        // Asked at every start, the check must not reload what the engine has just read: a refused file
        // would be refused (logged and counted) twice.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:ReloadQuietPeriod=00:00:00.100");
        var watcher = engine.Services.GetServices<IHostedService>().OfType<EscalationDsl.Engine.Policies.PolicyWatcher>().Single();
        await watcher.StopAsync(CancellationToken.None);
        var path = Path.Combine(engine.Policies, "broken.esc");
        File.WriteAllText(path, "policy \"broken\" version 1\nthis is not a policy\n");
        engine.Loop.Registry.ChangedSinceRead().ShouldBeTrue("a file more");
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        engine.Loop.Registry.ChangedSinceRead().ShouldBeFalse("the reload read the folder as it is");

        await watcher.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1));

        (await engine.ScrapeUntil(m => m.Contains("esc_policy_refusals_total", StringComparison.Ordinal), "the refusal is counted"))
            .ShouldContain("esc_policy_refusals_total{otel_scope_name=\"EscalationDsl.Engine\"} 1\n", Case.Sensitive, "refused once, by the reload");
        File.WriteAllText(path, "policy \"broken\" version 2\nthis is not a policy\n");
        engine.Loop.Registry.ChangedSinceRead().ShouldBeTrue("other bytes");
        File.Delete(path);
        engine.Loop.Registry.ChangedSinceRead().ShouldBeTrue("a file fewer");
    }

    [Fact]
    public async Task AWatchedReloadTheLoopCannotTakeIsLoggedAndTheWatcherGoesOn()
    {
        // The watcher caught only cancellation: a reload the loop failed (here it takes no more work,
        // as when it stops; a storage failure answers the same way) ended it with an exception, and
        // by the host's default a background service that fails stops the engine.
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:ReloadQuietPeriod=00:00:00.100");
        var watcher = engine.Services.GetServices<IHostedService>().OfType<EscalationDsl.Engine.Policies.PolicyWatcher>().Single();
        var stopping = engine.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var path = Path.Combine(engine.Policies, "support.esc");
        var source = File.ReadAllText(path);
        string Version(int n) => source.Replace("policy \"support\" version 1", $"policy \"support\" version {n}", StringComparison.Ordinal);

        // First a reload that works, so the watcher is known to watch (a change made before it starts
        // watching is read when it starts).
        async Task<bool> Loaded(int n) => (await engine.GetJson("/v1/policies"))!.AsArray().Any(p => (int?)p!["version"] == n);
        File.WriteAllText(path, Version(2));
        await EngineFixture.Eventually(() => Loaded(2), "the watcher loads version 2");

        engine.Loop.Complete();
        File.WriteAllText(path, Version(3));

        // Its reload runs about 100 ms after the change; before, the watcher had ended by then.
        await Task.Delay(TimeSpan.FromSeconds(3));
        watcher.ExecuteTask!.IsCompleted.ShouldBeFalse($"the watcher ended: {watcher.ExecuteTask.Exception?.InnerException?.Message}");
        stopping.IsCancellationRequested.ShouldBeFalse("the engine stopped after the watcher's reload failed");
    }

    [Fact]
    public async Task APolicySavedInAnotherEncodingThanUtf8IsRefusedAsEscLintRefusesIt()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));

        // Windows-1252 'é' is the byte 0xE9; read as UTF-8 it used to load as 'Caf\uFFFD'.
        File.WriteAllBytes(Path.Combine(engine.Policies, "support.esc"), System.Text.Encoding.Latin1.GetBytes(
            good.Replace("policy \"support\" version 1", "policy \"support\" version 2\n# Café", StringComparison.Ordinal)));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var support = (await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!;
        support["status"]!.GetValue<string>().ShouldBe("refused");
        support["errors"]!.AsArray()[0]!.GetValue<string>().ShouldContain("error[ESC1008]: The byte 0xE9 here is not UTF-8");
        (await engine.PostEventOk(EngineFixture.Created("u1", "UTF-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ANamedPipeInThePolicyFolderIsRefusedAndTheRunningVersionKeepsServing()
    {
        // Opened as a regular file, the pipe held the reload (and the loop) until something wrote to it.
        await using var engine = await EngineFixture.StartAsync();
        var pipe = Path.Combine(engine.Policies, "support.esc");
        File.Delete(pipe);
        await NamedPipes.CreateAsync(pipe);
        try
        {
            var reload = await engine.Http.PostAsync("/v1/policies:reload", null).WaitAsync(TimeSpan.FromSeconds(30));
            reload.StatusCode.ShouldBe(HttpStatusCode.OK);

            var support = (await engine.GetJson("/v1/policies"))!.AsArray().Single(p => (string?)p!["path"] == "support.esc")!;
            support["status"]!.GetValue<string>().ShouldBe("refused");
            support["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(
                ["support.esc: cannot read: the file is a named pipe, a socket or a terminal, not a regular file; a policy found in a folder is read from a regular file"]);
            (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(1);
        }
        finally
        {
            await NamedPipes.ReleaseAsync(pipe);
        }
    }

    [Fact]
    public async Task AGoodNewVersionTakesNewTicketsAndOldTicketsStayPinnedUntilMigrated()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await engine.PostEventOk(EngineFixture.Created("e1", "OLD-1", T0));
        var oldFingerprint = (await engine.GetJson("/v1/tickets/OLD-1"))!["policy_fingerprint"]!.GetValue<string>();

        // Version 2 escalates sev1 production to the commander after 20 minutes instead of 30.
        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good
            .Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal)
            .Replace("after 30m unless mitigation_planned", "after 20m unless mitigation_planned", StringComparison.Ordinal));
        await engine.Http.PostAsync("/v1/policies:reload", null);

        var created = await engine.PostEventOk(EngineFixture.Created("e2", "NEW-1", T0));
        created["policy_version"]!.GetValue<int>().ShouldBe(2);
        (await engine.GetJson("/v1/tickets/OLD-1"))!["policy_fingerprint"]!.GetValue<string>().ShouldBe(oldFingerprint);

        await engine.AdvanceAsync(TimeSpan.FromMinutes(21));
        (await engine.GetJson("/v1/tickets/NEW-1"))!["owner"]!.GetValue<string>().ShouldBe("commander");
        (await engine.GetJson("/v1/tickets/OLD-1"))!["owner"]!.GetValue<string>().ShouldBe("frontline");

        var migrated = await engine.Http.PostAsync("/v1/tickets/OLD-1:migrate", null);
        migrated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var old = (await engine.GetJson("/v1/tickets/OLD-1"))!;
        old["policy_version"]!.GetValue<int>().ShouldBe(2);
        old["owner"]!.GetValue<string>().ShouldBe("commander");

        // Decisions the new version would have taken before the migration are not sent.
        engine.Delivered().Where(d => (string?)d["ticket"] == "OLD-1" && (string?)d["kind"] == "escalate").ShouldBeEmpty();
    }

    [Fact]
    public async Task APolicyRenamedInItsFileStopsTakingNewTicketsUnderItsOldName()
    {
        // The old name kept taking new tickets, from a file that no longer declared it, until a restart.
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await engine.PostEventOk(EngineFixture.Created("e1", "OLD-1", T0));

        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good.Replace("policy \"support\" version 1", "policy \"helpdesk\" version 1", StringComparison.Ordinal));
        await engine.Http.PostAsync("/v1/policies:reload", null);

        var old = await engine.PostEvent(EngineFixture.Event("e2", "NEW-1", T0, "created", new { policy = "support", severity = "sev1" }));
        old.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await old.Content.ReadAsStringAsync())!["detail"]).ShouldBe("Policy 'support' is not loaded (loaded: helpdesk).");
        (await engine.PostEventOk(EngineFixture.Event("e3", "NEW-2", T0, "created", new { policy = "helpdesk", severity = "sev1" })))["policy"]!.GetValue<string>().ShouldBe("helpdesk");
        (await engine.GetJson("/v1/tickets/OLD-1"))!["policy"]!.GetValue<string>().ShouldBe("support", "open tickets keep their pinned version");

        // Named back, the file's policy is 'support' again, and only that.
        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good);
        await engine.Http.PostAsync("/v1/policies:reload", null);
        var ready = (await engine.GetJson("/readyz"))!;
        ready["policies"]!.AsArray().Select(p => (string?)p!["name"]).ShouldBe(["support"]);
        (await engine.PostEventOk(EngineFixture.Event("e4", "NEW-3", T0, "created", new { severity = "sev1" })))["policy"]!.GetValue<string>().ShouldBe("support", "one policy runs, so created events need not name it");
    }

    [Fact]
    public async Task APolicyFileRenamedOnDiskKeepsItsPolicyRunningFromItsNewName()
    {
        // mv support.esc helpdesk.esc refused the moved file as a second 'support' (still "loaded
        // from support.esc", gone), and the removal of support.esc then stopped 'support' taking tickets.
        await using var engine = await EngineFixture.StartAsync();
        var loadedAt = (string?)(await engine.GetJson("/v1/policies"))!.AsArray().Single()!["loaded_at"];
        File.Move(Path.Combine(engine.Policies, "support.esc"), Path.Combine(engine.Policies, "helpdesk.esc"));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var policy = (await engine.GetJson("/v1/policies"))!.AsArray().ShouldHaveSingleItem()!;
        ((string?)policy["path"]).ShouldBe("helpdesk.esc");
        ((string?)policy["status"]).ShouldBe("active");
        ((string?)policy["loaded_at"]).ShouldBe(loadedAt, "the running version is the one loaded before the move");
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy"]!.GetValue<string>().ShouldBe("support");

        // The new file holds the policy now: naming another policy in it stops 'support' taking tickets.
        var text = File.ReadAllText(Path.Combine(engine.Policies, "helpdesk.esc"));
        File.WriteAllText(Path.Combine(engine.Policies, "helpdesk.esc"), text.Replace("policy \"support\" version 1", "policy \"helpdesk\" version 1", StringComparison.Ordinal));
        await engine.Http.PostAsync("/v1/policies:reload", null);
        var old = await engine.PostEvent(EngineFixture.Event("e2", "NEW-2", T0, "created", new { policy = "support", severity = "sev1" }));
        old.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await old.Content.ReadAsStringAsync())!["detail"]).ShouldBe("Policy 'support' is not loaded (loaded: helpdesk).");
    }

    [Fact]
    public async Task ASecondEngineOnTheSameDatabaseIsRefusedAndTheFirstRunsOn()
    {
        // Both ran, each with its own tickets in memory, and both fired the same deadlines.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        var e = Should.Throw<EngineConfigurationException>(() => EngineHost.Build(
        [
            "--Engine:Listen=http://127.0.0.1:0",
            $"--Engine:Database={engine.Database}",
            $"--Engine:Policies={engine.Policies}",
            $"--Engine:ApiKeys:0={Api.ApiKeys.Hash(EngineFixture.Key)}",
        ], engine.Time));

        e.Message.ShouldBe($"Engine:Database: {engine.Database} is in use by another engine (it holds {engine.Database}.lock); run one engine per database");
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(1), "acknowledged"));
        (await engine.GetJson("/v1/tickets/INC-1"))!["state"]!.GetValue<string>().ShouldBe("acknowledged");

        // Stopped, the first engine lets another start on its database.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        (await engine.GetJson("/v1/tickets/INC-1"))!["state"]!.GetValue<string>().ShouldBe("acknowledged");
    }

    [Fact]
    public void ASecondEngineIsRefusedBeforeItReadsOrMigratesTheDatabase()
    {
        var folder = Directory.CreateTempSubdirectory("esc-lock-").FullName;
        var database = Path.Combine(folder, "engine.db");
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        File.Copy(RepoPaths.Combine("policies", "support.esc"), Path.Combine(folder, "policies", "support.esc"));
        try
        {
            using (new FileStream(database + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                Should.Throw<EngineConfigurationException>(() => EngineHost.Build(
                    ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Database={database}", $"--Engine:Policies={Path.Combine(folder, "policies")}"]))
                    .Message.ShouldStartWith($"Engine:Database: {database} is in use by another engine");
                File.Exists(database).ShouldBeFalse("the database is not opened, let alone migrated, without the lock");
                File.Exists(database + ".lock").ShouldBeTrue("the lock file another engine holds is never removed");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AClosedTicketReopensFromItsLog()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-9", T0));
        engine.Time.Advance(TimeSpan.FromMinutes(10));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-9", T0.AddMinutes(5), "resolved"));
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-9", T0.AddMinutes(6), "closed"));
        (await engine.GetJson("/v1/tickets/INC-9"))!["state"]!.GetValue<string>().ShouldBe("closed");

        var reopened = await engine.PostEventOk(EngineFixture.Event("e4", "INC-9", T0.AddMinutes(7), "reopened"));

        reopened["state"]!.GetValue<string>().ShouldBe("open");
        (await engine.GetJson("/v1/tickets/INC-9"))!["next_deadline"].ShouldNotBeNull();
    }

    [Fact]
    public async Task MigratingAClosedTicketLeavesItOutOfTheOpenTickets()
    {
        await using var engine = await EngineFixture.StartAsync();
        var good = File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));
        await CreateClosed(engine, "INC-1", "e");

        // The running version already: nothing to do, and the ticket stays closed.
        (await engine.Http.PostAsync("/v1/tickets/INC-1:migrate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<int>().ShouldBe(0);

        File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), good.Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal));
        await engine.Http.PostAsync("/v1/policies:reload", null);
        var all = await engine.Http.PostAsync("/v1/policies/support:migrate", null);
        JsonNode.Parse(await all.Content.ReadAsStringAsync())!.AsArray().ShouldBeEmpty("a closed ticket is not an open ticket of the policy");

        // No running version to migrate to.
        File.Delete(Path.Combine(engine.Policies, "support.esc"));
        await engine.Http.PostAsync("/v1/policies:reload", null);
        (await engine.Http.PostAsync("/v1/tickets/INC-1:migrate", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var ready = await engine.Http.GetAsync("/readyz"); // 503: no policy runs
        JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["open_tickets"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task APolicyFolderRemovedWhileRunningLeavesTheRunningPoliciesRunning()
    {
        await using var engine = await EngineFixture.StartAsync();

        Directory.Delete(engine.Policies, recursive: true);
        var reload = await engine.Http.PostAsync("/v1/policies:reload", null);

        reload.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0)))["policy"]!.GetValue<string>().ShouldBe("support");
    }
}
