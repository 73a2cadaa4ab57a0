using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Inside `deescalate when C { ... }` actions are separated by line breaks or spaces; a comma there,
/// the separator of a rule's steps, is the mistake language.md warns about, and the message says so.
/// </summary>
public sealed class DeescalateCommaHintTests
{
    [Theory]
    [InlineData("stop paging, enter monitor")]
    [InlineData("notify lead, stop paging")]
    [InlineData("notify lead,")]
    public void CommaBetweenActionsOfADeescalationSaysHowToSeparateThem(string actions)
    {
        var model = SemanticModel.Create("calm.esc", $$"""
            policy "calm" version 1
            owners { team lead "Lead" }
            severity sev1 { acknowledge within 15m }
            deescalate when contained { {{actions}} }
            """);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("Unexpected ','. Inside a `deescalate` block, actions are separated by line breaks or spaces, not commas (a comma continues the list of a `notify`, `page` or `require`). Remove the ','.");
        model.Source.Slice(diagnostic.Span).ShouldBe(",");
    }

    [Fact]
    public void CommaInADeescalationsConditionKeepsTheListOfExpectedTokens()
    {
        var model = SemanticModel.Create("calm.esc", """
            policy "calm" version 1
            owners { team lead "Lead" }
            fields { quiet flag }
            severity sev1 { acknowledge within 15m }
            deescalate when contained, quiet { stop paging }
            """);

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("Unexpected ','. Expected 'and', ");
    }
}
