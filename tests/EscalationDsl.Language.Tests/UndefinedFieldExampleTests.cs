using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// ESC2006's example declaration takes a type that fits where the undeclared name is used, so following
/// it does not lead to the next error (a compared number declared as text cannot be ordered).
/// </summary>
public sealed class UndefinedFieldExampleTests
{
    [Theory]
    [InlineData("when stores_affected > 10", "stores_affected", "`stores_affected number`")]
    [InlineData("when impact_confirmed", "impact_confirmed", "`impact_confirmed flag`")]
    [InlineData("when impact == production", "impact", "`impact enum [production]`")]
    [InlineData("when tier in [gold, silver, gold]", "tier", "`tier enum [gold, silver]`")]
    [InlineData("when tier not in [1, 2]", "tier", "`tier number`")]
    [InlineData("when region == \"North East\"", "region", "`region text`")]
    [InlineData("when tier in [gold, 2]", "tier", "`tier text`")]
    [InlineData("when reported_at older than 1h", "reported_at", "`reported_at time`")]
    public void TheExampleFitsAConditionsUse(string condition, string name, string example)
    {
        var message = SingleUndefinedField($$"""
            policy "p" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 15m }
            escalation watch for sev1 {{condition}} {
                owner desk
                after 1h: remind owner
            }
            """, name);

        message.ShouldContain($"(for example {example})");
    }

    [Fact]
    public void TheExampleOfARoutedFieldListsTheRoutesValues()
    {
        var message = SingleUndefinedField("""
            policy "p" version 1
            owners { team desk "Desk" team net "Network" }
            severity sev1 { acknowledge within 15m }
            route product { cloud, edge -> net  default -> desk }
            """, "product");

        message.ShouldContain("(for example `product enum [cloud, edge]`)");
    }

    [Fact]
    public void TheExampleOfASinceAnchorIsATimeField()
    {
        var message = SingleUndefinedField("""
            policy "p" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 15m }
            escalation chase for sev1 {
                owner desk
                every 1h since last_call up to 3 times: remind owner
            }
            """, "last_call");

        message.ShouldContain("(for example `last_call time`)");
    }

    [Fact]
    public void ARequiredFieldIsOfferedAsText()
    {
        var message = SingleUndefinedField("""
            policy "p" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 15m }
            require request_id before escalate
            """, "request_id");

        message.ShouldContain("(for example `request_id text`)");
    }

    private static string SingleUndefinedField(string text, string name)
    {
        var model = SemanticModel.Create("p.esc", text);
        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("ESC2006");
        model.Source.Slice(diagnostic.Span).ShouldBe(name);
        return diagnostic.Message;
    }
}
