using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>Integers compared with or routed on a number field: they bind as numbers, and only as large as the runtime can hold.</summary>
public sealed class NumberFieldValueTests
{
    private const string Head = """
        policy "numbers" version 1
        owners {
            team ops "Ops"
            team big "Big accounts"
        }
        fields { seats number }
        severity sev1 { acknowledge within 15m }

        """;

    [Theory]
    [InlineData("seats > 99999999999999999999", 36)]
    [InlineData("seats in [5, 9223372036854775808]", 41)]
    [InlineData("escalation_level >= 99999999999999999999", 48)]
    public void AComparisonWithANumberTooLargeForTheRuntimeIsOutOfRange(string condition, int column)
    {
        var model = SemanticModel.Create("n.esc", Head + $"escalation r for sev1 when {condition} {{ owner ops }}\n");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("ESC2027");
        model.Source.GetPosition(diagnostic.Span.Start).ShouldBe(new Text.LinePosition(8, column));
        diagnostic.Message.ShouldContain("is too large for the number field");
        diagnostic.Message.ShouldContain("at most 9223372036854775807");
    }

    [Fact]
    public void TheLargestRuntimeNumberIsAccepted() =>
        SemanticModel.Create("n.esc", Head + "escalation r for sev1 when seats < 9223372036854775807 { owner ops }\n").Diagnostics.ShouldBeEmpty();

    [Fact]
    public void ARouteOnANumberFieldTakesIntegers()
    {
        // The language reference lists number fields among those a route may use.
        var model = SemanticModel.Create("n.esc", Head + """
            route seats {
                1000, 5000 -> big
                default    -> ops
            }
            route escalation_level { 2 -> big }
            escalation r for sev1 { owner ops
                after 1h: escalate to route(seats), notify route(escalation_level) }

            """);

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.Routes.Single(r => r.Field.Name == "seats").Resolve("5000")!.Name.ShouldBe("big");
    }

    [Fact]
    public void ARouteOnANumberFieldRefusesANameOrANumberTooLarge()
    {
        var model = SemanticModel.Create("n.esc", Head + "route seats { many -> big\n 99999999999999999999 -> big\n default -> ops }\n");

        model.Diagnostics.Select(d => d.Code).ShouldBe(["ESC2017", "ESC2027"]);
    }
}
