using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// ESC2032 reports a range once for each range it overlaps, naming every weekday of the overlap and
/// the range given first, so a lunch break written inside `mon..fri 09:00-17:00` is one error.
/// </summary>
public sealed class OverlappingHoursTests
{
    [Fact]
    public void RangeOverlappingOnSeveralDaysIsOneErrorNamingTheDaysAndTheOtherRange()
    {
        var model = SemanticModel.Create("hours.esc", """
            policy "hours" version 1
            calendar office "UTC" {
                hours mon..fri 09:00-17:00, 12:00-13:00
            }
            severity sev1 { acknowledge within 15m }
            """);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Message).ShouldBe(("ESC2032",
            "The hours 12:00-13:00 on mon, tue, wed, thu and fri overlap 09:00-17:00 given on line 3. Business time would be counted twice; merge the ranges."));
        model.Source.Slice(diagnostic.Span).ShouldBe("12:00-13:00");
    }

    [Fact]
    public void RangeOverlappingTwoEarlierRangesIsReportedForEach()
    {
        var model = SemanticModel.Create("hours.esc", """
            policy "hours" version 1
            calendar office "UTC" {
                hours mon..wed 09:00-17:00
                hours thu..fri 10:00-17:00
                hours wed..thu 16:00-18:00
            }
            severity sev1 { acknowledge within 15m }
            """);

        model.Diagnostics.Select(d => d.Message).ShouldBe(
        [
            "The hours 16:00-18:00 on wed overlap 09:00-17:00 given on line 3. Business time would be counted twice; merge the ranges.",
            "The hours 16:00-18:00 on thu overlap 10:00-17:00 given on line 4. Business time would be counted twice; merge the ranges.",
        ]);
    }
}
