using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

public sealed class ExplainTests
{
    [Fact]
    public void ExplainOfTheExampleOutageMatchesItsGoldenTimeline()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("escalated to network from commander, level 2");
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Explain", "sev1-network-outage.txt"), result.Out);
    }

    [Fact]
    public void ExplainAtAnEarlierTimeStopsThere()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--at", "2026-11-02T14:31:00Z");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("state at 2026-11-02T14:31:00Z: escalated, severity sev1, owner commander, escalation level 1");
        result.Out.ShouldNotContain("event resolved");
    }

    [Fact]
    public void ExplainAsJsonCarriesDecisionsAndState()
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl", "--format", "json");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\"id\": \"INC-1042/sev1_production/3/1/0\"");
        result.Out.ShouldContain("\"state\": \"resolved\"");
    }

    [Fact]
    public void ABadEventLineIsReportedWithItsLineAndField()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "t.jsonl"),
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n" +
            "{\"ticket\":\"T\",\"at\":\"yesterday\",\"type\":\"acknowledged\"}\n");

        var result = Esc.RunIn(dir.FullName, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "t.jsonl");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("t.jsonl:2: at: 'yesterday' is not an ISO 8601 time");
    }

    [Fact]
    public void TimesOutsideTheSpanEscHandlesAreRefusedNotCrashedOn()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "t.jsonl"),
            "{\"ticket\":\"T\",\"at\":\"9999-12-31T23:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n");
        File.WriteAllText(Path.Combine(dir.FullName, "ok.jsonl"),
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n");
        var policy = Path.Combine(RepoPaths.Policies, "support.esc");

        var late = Esc.RunIn(dir.FullName, string.Empty, "explain", policy, "--events", "t.jsonl");
        late.ExitCode.ShouldBe(2);
        late.Error.ShouldBe("t.jsonl:1: at: 9999-12-31T23:00:00Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)\n");

        var at = Esc.RunIn(dir.FullName, string.Empty, "explain", policy, "--events", "ok.jsonl", "--at", "9999-01-01T00:00:00Z");
        at.ExitCode.ShouldBe(2);
        at.Error.ShouldBe("esc: --at: '9999-01-01T00:00:00Z' is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)\n");
    }

    [Fact]
    public void ASecondCreatedEventIsRefusedAsInSimAndTheEngine()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "t.jsonl"),
            "{\"ticket\":\"A\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n" +
            "{\"ticket\":\"A\",\"at\":\"2026-11-02T14:05:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}\n");

        var result = Esc.RunIn(dir.FullName, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "t.jsonl");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("t.jsonl:2: ticket 'A' already has a created event (line 1); a ticket is created once\n");
    }

    [Fact]
    public void AnEventThePolicyDoesNotKnowIsRejected()
    {
        var dir = Directory.CreateTempSubdirectory();
        File.WriteAllText(Path.Combine(dir.FullName, "t.jsonl"),
            "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev7\"}\n");

        var result = Esc.RunIn(dir.FullName, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "t.jsonl");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("t.jsonl:1: severity: 'sev7' is not a severity of policy 'support' (sev1, sev2, sev3)");
    }
}
