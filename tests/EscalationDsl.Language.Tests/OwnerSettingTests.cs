using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// An owner's `reports to` and `engineering` are given at most once (ESC2029); the first one counts,
/// as it does for a rule's `owner`, so the model and the lint rules see the chain as written first.
/// </summary>
public sealed class OwnerSettingTests
{
    [Fact]
    public void SecondReportsToIsReportedAtItsClauseAndTheFirstOneCounts()
    {
        var model = SemanticModel.Create("owners.esc", """
            policy "owners" version 1
            owners {
                team desk "Desk" reports to lead reports to boss
                role lead "Lead"
                role boss "Boss"
            }
            severity sev1 { acknowledge within 15m }
            """);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("ESC2029");
        model.Source.Slice(diagnostic.Span).ShouldBe("reports to boss");
        model.Policy.FindOwner("desk")!.ReportsTo.ShouldBe("lead");
    }

    [Fact]
    public void EachSettingOnceIsClean()
    {
        var model = SemanticModel.Create("owners.esc", """
            policy "owners" version 1
            owners {
                team desk "Desk" engineering reports to lead
                role lead "Lead"
            }
            severity sev1 { acknowledge within 15m }
            """);

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.FindOwner("desk")!.IsEngineering.ShouldBeTrue();
    }
}
