using System.Net;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A policy file that is refused when the engine starts: the version its policy last ran (recorded in the
/// database) keeps taking new tickets, as it does when a running engine refuses the file.
/// </summary>
public sealed class RefusedAtStartTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task ARestartWithARefusedFileKeepsTheVersionThatRanBeforeItRunning()
    {
        // After a restart the refused support.esc ran nothing: created events for support got 400 No policy,
        // and /readyz said ready.
        await using var engine = await EngineFixture.StartAsync();
        var version1 = Read(engine);
        Write(engine, Version(version1, 2));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.PostEventOk(EngineFixture.Created("e0", "OLD-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(2);
        var ran = await Fingerprint(engine, "OLD-1");
        await engine.StopHostAsync();
        Write(engine, Broken(Version(version1, 3)));

        for (var restart = 1; restart <= 2; restart++)
        {
            engine.Logs = new CapturedLogs();
            await engine.StartHostAsync();

            engine.Logs.Lines.ShouldContain(
                l => l.StartsWith($"Policy file support.esc refused; policy support version 2 ({ran}), as last run, keeps running:\n", StringComparison.Ordinal),
                $"restart {restart}");
            var created = await engine.PostEventOk(EngineFixture.Created($"e{restart}", $"NEW-{restart}", T0));
            created["policy_version"]!.GetValue<int>().ShouldBe(2, $"restart {restart}");
            (await Fingerprint(engine, $"NEW-{restart}")).ShouldBe(ran);

            // Shown as a refusal the running engine made: refused, with its errors, and the version that runs.
            var policy = (await engine.GetJson("/v1/policies"))!.AsArray().ShouldHaveSingleItem()!;
            ((string?)policy["status"], (string?)policy["name"], (int?)policy["version"], (string?)policy["fingerprint"]).ShouldBe(("refused", "support", 2, ran));
            policy["errors"]!.AsArray().ShouldNotBeEmpty();
            var ready = await engine.Http.GetAsync("/readyz");
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            var readiness = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
            var file = readiness["policies"]!.AsArray().ShouldHaveSingleItem()!;
            ((string?)file["status"], (int?)file["version"]).ShouldBe(("refused", 2));
            file["errors"]!.ToJsonString().ShouldBe(policy["errors"]!.ToJsonString());
            ((string?)readiness["policy_files"]).ShouldBe("ok", "a version of support runs");
            await engine.StopHostAsync();
        }

        // Fixed while the engine runs, the file's new version takes new tickets; the tickets pinned to version 2 stay on it.
        await engine.StartHostAsync();
        Write(engine, Version(version1, 3));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.PostEventOk(EngineFixture.Created("e3", "NEW-3", T0)))["policy_version"]!.GetValue<int>().ShouldBe(3);
        ((string?)(await engine.GetJson("/v1/policies"))!.AsArray().ShouldHaveSingleItem()!["status"]).ShouldBe("active");
        foreach (var ticket in new[] { "OLD-1", "NEW-1", "NEW-2" })
        {
            (await Fingerprint(engine, ticket)).ShouldBe(ran, ticket);
        }
    }

    [Fact]
    public async Task AFileRefusedBeforeAnyVersionOfItsPolicyRanRunsNothingAndReadinessSaysSo()
    {
        var support = File.ReadAllText(Path.Combine(EscalationDsl.Tests.RepoPaths.Policies, "support.esc"));
        var billing = Broken(support.Replace("policy \"support\"", "policy \"billing\"", StringComparison.Ordinal));
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["support.esc"] = support, ["billing.esc"] = billing, ["junk.esc"] = "not a policy\n" });

        var refused = await engine.PostEvent(EngineFixture.Event("e1", "B-1", T0, "created", new { policy = "billing", severity = "sev1" }));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Still ready: support takes tickets, and a 503 would take it out of service too. The detail says what does not run.
        var ready = await engine.Http.GetAsync("/readyz");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        ((string?)JsonNode.Parse(await ready.Content.ReadAsStringAsync())!["policy_files"]).ShouldBe(
            "billing.esc is refused and no version of policy 'billing' runs: created events for it are refused; junk.esc is refused and nothing from it runs");
    }

    [Fact]
    public async Task AFilePutBackRefusedAfterItsRemovalKeepsTheVersionItsPolicyLastRanAsARestartWould()
    {
        await using var engine = await EngineFixture.StartAsync();
        var version1 = Read(engine);
        var ran = (string?)(await engine.GetJson("/v1/policies"))!.AsArray().Single()!["fingerprint"];
        File.Delete(Path.Combine(engine.Policies, "support.esc"));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        Write(engine, Broken(Version(version1, 2)));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var policy = (await engine.GetJson("/v1/policies"))!.AsArray().ShouldHaveSingleItem()!;
        ((string?)policy["status"], (int?)policy["version"], (string?)policy["fingerprint"]).ShouldBe(("refused", 1, ran));
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task ABrokenCopyThatSortsFirstLeavesTheKeptVersionToTheFileItRanFrom()
    {
        // A review's F2: support.esc ran version 1, then was broken and copied to a-copy.esc, which sorts first. The
        // start gave the copy the kept version, and once support.esc was fixed the running engine refused it:
        // "policy 'support' is already loaded from a-copy.esc".
        await using var engine = await EngineFixture.StartAsync();
        var version1 = Read(engine);
        await engine.StopHostAsync();
        Write(engine, Broken(Version(version1, 2)));
        File.Copy(Path.Combine(engine.Policies, "support.esc"), Path.Combine(engine.Policies, "a-copy.esc"));

        await engine.StartHostAsync();
        var policies = (await engine.GetJson("/v1/policies"))!.AsArray();
        policies.Select(p => ((string?)p!["path"], (string?)p["status"], (int?)p["version"])).ShouldBe([("a-copy.esc", "refused", null), ("support.esc", "refused", 1)]);

        Write(engine, Version(version1, 3));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData(true, 1, "the version of its newest ticket")]
    [InlineData(false, 2, "the version loaded last")]
    public async Task AfterAnUpgradeFromSchema2ARefusedFileRunsTheBestGuessOfWhatRanAndTheLogSaysItIsAGuess(bool ticket, int runs, string evidence)
    {
        // A review's F3: support.esc ran version 1, then 2, then 1 again. A schema-2 database does not record which
        // ran last, and the upgrade took the version first loaded last (2): the refused file ran it "as last run".
        await using var engine = await EngineFixture.StartAsync();
        var version1 = Read(engine);
        var fingerprints = new Dictionary<int, string>();
        foreach (var version in new[] { 1, 2, 1 })
        {
            Write(engine, Version(version1, version));
            (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
            fingerprints[version] = (string)(await engine.GetJson("/v1/policies"))!.AsArray().Single()!["fingerprint"]!;
        }

        if (ticket)
        {
            (await engine.PostEventOk(EngineFixture.Created("e0", "OLD-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(1);
        }

        await engine.StopHostAsync();
        OlderSchema.TakeBack(engine.Database, 2);
        File.AppendAllText(Path.Combine(engine.Policies, "support.esc"), "bogus line\n");

        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();
        engine.Logs.Lines.ShouldContain(l => l.StartsWith(
            $"Policy file support.esc refused; policy support version {runs} ({fingerprints[runs]}), {evidence}, keeps running " +
            "(a guess: a database from before schema version 3 does not record the version that ran last):\n", StringComparison.Ordinal));
        (await engine.PostEventOk(EngineFixture.Created("e1", "NEW-1", T0)))["policy_version"]!.GetValue<int>().ShouldBe(runs);

        // It ran since: the next start knows it.
        await engine.StopHostAsync();
        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();
        engine.Logs.Lines.ShouldContain(l => l.StartsWith($"Policy file support.esc refused; policy support version {runs} ({fingerprints[runs]}), as last run, keeps running:\n", StringComparison.Ordinal));
    }

    private static async Task<string> Fingerprint(EngineFixture engine, string ticket) =>
        (await engine.GetJson($"/v1/tickets/{ticket}"))!["policy_fingerprint"]!.GetValue<string>();

    /// <summary>The support policy with another version number in its header.</summary>
    private static string Version(string support, int version) =>
        support.Replace("policy \"support\" version 1", $"policy \"support\" version {version}", StringComparison.Ordinal);

    /// <summary>The trial's slip: a duration unit the language does not have.</summary>
    private static string Broken(string policy)
    {
        var broken = policy.Replace("acknowledge  within 15m", "acknowledge  within 30 mins", StringComparison.Ordinal);
        broken.ShouldNotBe(policy);
        return broken;
    }

    private static string Read(EngineFixture engine) => File.ReadAllText(Path.Combine(engine.Policies, "support.esc"));

    private static void Write(EngineFixture engine, string text) => File.WriteAllText(Path.Combine(engine.Policies, "support.esc"), text);
}
