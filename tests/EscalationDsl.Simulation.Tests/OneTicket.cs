using System.Text;
using System.Text.Json;
using EscalationDsl.Runtime;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The report of one ticket whose values (issue type, owner, id) a test chooses freely.</summary>
internal static class OneTicket
{
    /// <summary>A policy that leaves issue types free text, so any value reaches the report.</summary>
    private static readonly Lazy<CompiledPolicy> FreeText = new(() => Policies.Compile("""
        policy "p" version 1
        owners { team desk "Desk" }
        severity sev3 "Sev 3" { acknowledge within 15m }
        """));

    /// <summary>One sev3 ticket resolved five minutes after creation.</summary>
    public static SimulationReport Resolved(string issueType, string owner = "desk", string ticket = "T1")
    {
        var id = JsonSerializer.Serialize(ticket);
        var events = new StringBuilder()
            .Append($$"""{"ticket":{{id}},"at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","issue_type":{{JsonSerializer.Serialize(issueType)}},"owner":{{JsonSerializer.Serialize(owner)}}}""").Append('\n')
            .Append($$"""{"ticket":{{id}},"at":"2026-11-02T14:05:00Z","type":"resolved"}""").Append('\n');
        var replay = Replays.Canonical(".jsonl", events.ToString(), FreeText.Value);
        replay.Problems.ShouldBeEmpty();
        return replay.Result!.Report;
    }
}
