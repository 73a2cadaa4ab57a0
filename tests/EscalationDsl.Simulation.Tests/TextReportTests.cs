using EscalationDsl.Simulation.Rendering;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The text report keeps one table row per line, whatever the tickets' values hold.</summary>
public sealed class TextReportTests
{
    [Fact]
    public void AnOwnerWithALineBreakStaysOnItsRowAsAControlPicture()
    {
        // The line break split the owner's row, and the columns after it lined up with nothing.
        var replay = Replays.Canonical(".jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","issue_type":"database"}
            {"ticket":"T1","at":"2026-11-02T14:01:00Z","type":"assigned","owner":"night\nshift\tteam"}
            {"ticket":"T1","at":"2026-11-02T14:05:00Z","type":"resolved"}

            """);
        replay.Problems.ShouldBeEmpty();

        var text = TextReport.Render(replay.Result!.Report);

        text.ShouldContain("night\u240Ashift\u2409team");
        text.Split('\n').ShouldNotContain(line => line.StartsWith("shift", StringComparison.Ordinal));
    }
}
