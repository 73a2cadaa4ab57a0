using System.Text.Json;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The options a trainer asked for to shape esc explain's output: --only, --zone, a relative --at.</summary>
public sealed class ExplainOptionTests
{
    private static readonly string[] Outage = ["explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl"];

    [Fact]
    public void OnlyKeepsTheTimelineLinesOfTheKindsAskedAndTheState()
    {
        var full = Esc.Run(Outage);
        var result = Esc.Run([.. Outage, "--only", "event,decision,state"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var (kept, keptState) = Split(result.Out);
        var (all, allState) = Split(full.Out);
        kept.ShouldBe([.. all.Where(l => Kind(l) is "event" or "decision" or "state")]);
        kept.Select(Kind).Distinct().Order().ShouldBe(["decision", "event", "state"]);
        keptState.ShouldBe(allState);
        keptState.ShouldContain("state at 2026-11-02T18:30:00Z: resolved");
    }

    [Fact]
    public void OnlyFiltersTheJsonTimelineAndKeepsDecisionsAndState()
    {
        var full = JsonDocument.Parse(Esc.Run([.. Outage, "--format", "json"]).Out).RootElement;
        var result = Esc.Run([.. Outage, "--format", "json", "--only", "sla, decision"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Out).RootElement;
        var kinds = json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.Count.ShouldBe(full.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() is "sla" or "decision"));
        kinds.Distinct().Order().ShouldBe(["decision", "sla"]);
        json.GetProperty("decisions").GetArrayLength().ShouldBe(full.GetProperty("decisions").GetArrayLength());
        json.GetProperty("state").GetRawText().ShouldBe(full.GetProperty("state").GetRawText());
    }

    [Theory]
    [InlineData("evnt", "esc: --only: 'evnt' is not a kind of timeline entry; the kinds are event, state, rule, deadline, fired, skipped, sla, decision; did you mean event?\n")]
    [InlineData("event,alarm", "esc: --only: 'alarm' is not a kind of timeline entry; the kinds are event, state, rule, deadline, fired, skipped, sla, decision\n")]
    [InlineData("event,", "esc: --only: 'event,' has an empty kind; give kinds separated by commas: event, state, rule, deadline, fired, skipped, sla, decision\n")]
    public void AnUnknownKindIsAUsageErrorListingTheKinds(string only, string error)
    {
        var result = Esc.Run([.. Outage, "--only", only]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(error);
    }

    /// <summary>The timeline's lines (time, kind, text) and the state block after them.</summary>
    private static (List<string> Lines, string State) Split(string output)
    {
        var parts = output.Split("\n\n");
        parts.Length.ShouldBe(3, output);
        return ([.. parts[1].Split('\n')], parts[2]);
    }

    private static string Kind(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim();
}
