using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationDsl.Engine.Tests;

/// <summary>A policy file whose version number goes down (a revert) is loaded, with a warning that says so.</summary>
public sealed class VersionNumberTests
{
    private const string WentDown = "Policy support version 1 loaded after version 2: the version number went down; tickets pinned to version 2 keep it";

    [Fact]
    public async Task AVersionLowerThanOneStoredForItsPolicyIsLoggedAsAWarningWhenItStartsToRun()
    {
        // A review's O6: a revert of version 2 to version 1 was logged "Policy support version 1 (...) loaded" and nothing more.
        await using var engine = await EngineFixture.StartAsync();
        var logs = new CapturedLogs();
        engine.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(logs);
        var path = Path.Combine(engine.Policies, "support.esc");
        var version1 = File.ReadAllText(path);

        File.WriteAllText(path, version1.Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Lines.ShouldContain(l => l.StartsWith("Policy support version 2 (", StringComparison.Ordinal));
        logs.Lines.ShouldNotContain(l => l.Contains("went down", StringComparison.Ordinal), "the number went up");

        File.WriteAllText(path, version1);
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        logs.Lines.ShouldContain(l => l.StartsWith("Policy support version 1 (", StringComparison.Ordinal));
        logs.Lines.Where(l => l.Contains("went down", StringComparison.Ordinal)).ShouldBe([WentDown]);

        // A restart runs what ran before it: nothing went down then.
        await engine.StopHostAsync();
        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();
        engine.Logs.Lines.ShouldContain(l => l.StartsWith("Policy support version 1 (", StringComparison.Ordinal));
        engine.Logs.Lines.ShouldNotContain(l => l.Contains("went down", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVersionPutBackWhileTheEngineWasStoppedIsLoggedAsAWarningAtTheStart()
    {
        await using var engine = await EngineFixture.StartAsync();
        var path = Path.Combine(engine.Policies, "support.esc");
        var version1 = File.ReadAllText(path);
        File.WriteAllText(path, version1.Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal));
        (await engine.Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await engine.StopHostAsync();

        File.WriteAllText(path, version1);
        engine.Logs = new CapturedLogs();
        await engine.StartHostAsync();

        engine.Logs.Lines.Where(l => l.Contains("went down", StringComparison.Ordinal)).ShouldBe([WentDown]);
    }
}
