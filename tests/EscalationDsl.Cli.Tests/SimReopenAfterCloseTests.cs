using System.Text.Json;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// <c>esc sim</c> and <c>esc explain</c> on one ticket whose rows are out of time order: a reopen dated
/// after the close, read after a later-dated row, continues the ticket in both (docs/simulator.md).
/// </summary>
public sealed class SimReopenAfterCloseTests
{
    private const string Policy = """
        policy "reo" version 1
        owners {
            team a "A" reports to b
            team b "B"
        }
        severity s1 {
            acknowledge within 15m
            resolve within 1h
        }
        escalation r for s1 {
            owner a
            after 20m unless acknowledged: escalate to next
        }

        """;

    // Closed 11:00, reopened 11:30 (resolve restarts: due 12:30, breached), closed 13:00. With the
    // acknowledge breach at 10:15 that is 2 breaches, 1 escalation (10:20) and 1 reopen.
    private const string Events = """
        {"ticket":"Q","at":"2026-11-02T10:00:00Z","type":"created","severity":"s1"}
        {"ticket":"Q","at":"2026-11-02T12:00:00Z","type":"workaround_failed"}
        {"ticket":"Q","at":"2026-11-02T11:00:00Z","type":"closed"}
        {"ticket":"Q","at":"2026-11-02T11:30:00Z","type":"reopened"}
        {"ticket":"Q","at":"2026-11-02T13:00:00Z","type":"closed"}

        """;

    [Fact]
    public void SimCountsTheReopenAndItsBreachAsExplainShowsThem()
    {
        var folder = Directory.CreateTempSubdirectory("esc-reo-");
        try
        {
            var policy = Path.Combine(folder.FullName, "reo.esc");
            var events = Path.Combine(folder.FullName, "reo.jsonl");
            File.WriteAllText(policy, Policy);
            File.WriteAllText(events, Events.Replace("\r\n", "\n", StringComparison.Ordinal));

            var explain = Esc.Run("explain", policy, "--events", events);
            explain.ExitCode.ShouldBe(0);
            var lines = explain.Out.Split('\n');
            lines.Count(l => l.Contains("decision  sla_breach", StringComparison.Ordinal)).ShouldBe(2);
            lines.Count(l => l.Contains("decision  escalate", StringComparison.Ordinal)).ShouldBe(1);
            lines.Count(l => l.Contains("Closed -> Open (reopened)", StringComparison.Ordinal)).ShouldBe(1);

            var sim = Esc.Run("sim", policy, "--tickets", events, "--format", "json");
            sim.ExitCode.ShouldBe(0);
            sim.Error.ShouldEndWith("; 0 bad rows skipped\n");
            using var report = JsonDocument.Parse(sim.Out);
            var root = report.RootElement;
            root.GetProperty("input").GetProperty("badRows").GetInt64().ShouldBe(0);
            root.GetProperty("tickets").GetProperty("reopened").GetInt64().ShouldBe(1);
            var decisions = root.GetProperty("escalations").GetProperty("decisionsByKind");
            decisions.GetProperty("sla_breach").GetInt64().ShouldBe(2);
            decisions.GetProperty("escalate").GetInt64().ShouldBe(1);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
