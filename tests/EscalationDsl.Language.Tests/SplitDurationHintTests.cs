using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// A compact duration written in two pieces, `1h 30m` or `1h30`, is a syntax error whose message says
/// how to write it, rather than listing the tokens that could follow `1h`.
/// </summary>
public sealed class SplitDurationHintTests
{
    [Theory]
    [InlineData("1h 30m", "30m", "Unexpected duration 30m. A compact duration is one word, without spaces: write 1h30m.")]
    [InlineData("30m 1h", "1h", "Unexpected duration 1h. A compact duration is one word, without spaces, each unit once, largest first (w, d, h, m): the total is '1h30m'.")]
    [InlineData("1h 1h", "1h", "Unexpected duration 1h. A compact duration is one word, without spaces, each unit once, largest first (w, d, h, m): the total is '2h'.")]
    [InlineData("1h30", "30", "Unexpected number 30. Every number in a compact duration needs its unit: write 1h30m.")]
    [InlineData("1d12", "12", "Unexpected number 12. Every number in a compact duration needs its unit: write 1d12h.")]
    [InlineData("1m30", "30", "Unexpected number 30. Every number in a compact duration needs its unit, as in 1h30m; '30' has none.")]
    public void SplitDurationIsReportedWithTheWayToWriteIt(string duration, string span, string message)
    {
        var model = SemanticModel.Create("split.esc", $$"""
            policy "split" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 2h }
            escalation outage for sev1 {
                owner desk
                after {{duration}} unless acknowledged: notify desk
            }
            """);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Message).ShouldBe(("ESC1001", message));
        model.Source.Slice(diagnostic.Span).ShouldBe(span);
    }

    [Fact]
    public void NumberAfterASpaceKeepsTheListOfExpectedTokens()
    {
        var model = SemanticModel.Create("split.esc", """
            policy "split" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 2h }
            escalation outage for sev1 {
                owner desk
                after 1h 30 unless acknowledged: notify desk
            }
            """);

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected number 30. Expected 'unless', ':'.");
    }
}
