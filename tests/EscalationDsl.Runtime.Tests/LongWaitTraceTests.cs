using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// A deadline's arithmetic over a wait that spans many pauses (hunt F1): every pause start and end wrote a line
/// listing every earlier stretch of the wait, so a year of nightly pauses made lines of 20 KB and a trace that grew
/// with the square of the pauses. The first and last three stretches are shown, with the rest counted between.
/// </summary>
public sealed class LongWaitTraceTests
{
    private const string Policy = """
        policy "m4" version 1
        calendar biz "UTC" { hours mon..fri 09:00-17:00 }
        owners { team a }
        severity s1 { }
        escalation r for s1 {
            owner a
            after 520w: notify a
        }
        pause sla while not during biz
        """;

    private static List<string> DeadlineLines(string until)
    {
        var script = new TicketScript(TicketScript.Compile(Policy), start: "2026-01-01T00:00:00Z");
        script.Created("+0m", "s1").AdvanceTo(until);
        return [.. script.Trace.Entries.Where(e => e.Kind == TraceKind.Deadline && e.Text.StartsWith("r #0", StringComparison.Ordinal)).Select(e => e.Text)];
    }

    [Fact]
    public void AWaitOverAYearOfNightlyPausesKeepsEachDeadlineLineShort()
    {
        var lines = DeadlineLines("2027-01-01T00:00:00Z");

        lines.Count.ShouldBeGreaterThan(500);
        lines.Max(l => l.Length).ShouldBeLessThan(800);
        var last = lines[^1];
        last.Split("; ").Count(s => s.Contains(" from ", StringComparison.Ordinal)).ShouldBe(6);
        last.ShouldContain("… 255 more stretches of 2040h in all …");
    }

    [Fact]
    public void ALongWaitShowsItsFirstAndLastThreeStretchesAndWhatTheRestCount()
    {
        // 8h x 3 + 40h + 8h x 2 + 87280h = 87360h, the 520 weeks waited.
        DeadlineLines("2026-01-15T09:00:00Z")[^1].ShouldBe(
            "r #0 (after 520w): 2026-01-01T00:00:00Z + 520w = 2035-12-31T01:00:00Z [8h from 2026-01-01T09:00Z, when the pause ended, to the pause at 2026-01-01T17:00Z; "
            + "8h from 2026-01-02T09:00Z, when the pause ended, to the pause at 2026-01-02T17:00Z; 8h from 2026-01-05T09:00Z, when the pause ended, to the pause at 2026-01-05T17:00Z; "
            + "… 5 more stretches of 40h in all …; 8h from 2026-01-13T09:00Z, when the pause ended, to the pause at 2026-01-13T17:00Z; "
            + "8h from 2026-01-14T09:00Z, when the pause ended, to the pause at 2026-01-14T17:00Z; 87280h from 2026-01-15T09:00Z, when the pause ended]");
    }

    [Fact]
    public void AWaitOfSixStretchesIsShownWhole()
    {
        DeadlineLines("2026-01-08T09:00:00Z")[^1].ShouldNotContain("…");
    }
}
