using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The state block at the end of esc explain's timeline.</summary>
public sealed class ExplainStateTests
{
    [Fact]
    public void TheRecheckOfTimeDependentConditionsSaysWhichConditionsTimeChanges()
    {
        // The trainer's night drill: the state said "time-dependent conditions pending due 2026-11-04T07:00:00Z"
        // and left them to guess that it is Berlin's hours opening, which every sev1 rule's `when` reads.
        using var folder = new LintTempFolder();
        folder.Write("night.jsonl", """
            {"ticket":"SAAS-1","at":"2026-11-04T03:00:00+01:00","type":"created","severity":"sev1","fields":{"component":"api","customer_tier":"enterprise","impact_confirmed":true}}
            {"ticket":"SAAS-1","at":"2026-11-04T03:12:00+01:00","type":"acknowledged"}

            """);
        string[] explain = ["explain", Path.Combine(RepoPaths.Policies, "saas-follow-the-sun.esc"), "--events", "night.jsonl"];

        var text = Esc.RunIn(folder.Path, string.Empty, explain);
        var json = Esc.RunIn(folder.Path, string.Empty, [.. explain, "--format", "json"]);

        text.ExitCode.ShouldBe(0, text.Error);
        text.Out.ShouldContain("\n  time-dependent conditions    pending due 2026-11-04T07:00:00Z  (rule sev1_emea when during emea; rule sev1_amer when during amer and not during emea; rule sev1_night when not during emea and not during amer)\n");
        json.Out.ShouldContain("""
                    "name": "time-dependent conditions",
                    "status": "pending",
                    "due": "2026-11-04T07:00:00Z",
                    "conditions": [
                      "rule sev1_emea when during emea",
            """);
    }
}
