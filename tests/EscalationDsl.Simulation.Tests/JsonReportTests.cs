using System.Text.Json;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.Replay;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The JSON report carries the weekly table only for <c>--by week</c>, and every other member either way.</summary>
public sealed class JsonReportTests
{
    private const string Events = """
        {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","issue_type":"database"}
        {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"resolved"}
        """;

    [Fact]
    public void TheWeeklyTableIsWrittenOnlyWhenItWasAskedFor()
    {
        var without = Members(byWeek: false);
        var with = Members(byWeek: true);

        without.ShouldNotContain("weeks");
        without.ShouldNotContain("weeklyTable");
        with.ShouldBe([.. without, "weeks", "weeklyTable"]);
    }

    [Fact]
    public void WithoutTheWeeklyTableTheReportStillHasItsWeeksForTheCharts()
    {
        var replay = Replays.Canonical(".jsonl", Events, options: new SimulationOptions { ByWeek = false });

        replay.Result!.Report.Weeks.ShouldNotBeEmpty();
        JsonReport.Render(replay.Result.Report).ShouldNotContain("\"week\":");
    }

    private static List<string> Members(bool byWeek)
    {
        var replay = Replays.Canonical(".jsonl", Events, options: new SimulationOptions { ByWeek = byWeek });
        replay.Problems.ShouldBeEmpty();
        using var json = JsonDocument.Parse(JsonReport.Render(replay.Result!.Report));
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
