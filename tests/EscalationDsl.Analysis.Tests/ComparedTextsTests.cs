using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Tests;

/// <summary>Which text values esc explain warns of as probable misspellings of a value the policy names.</summary>
public sealed class ComparedTextsTests
{
    private static readonly ComparedTexts Compared = ComparedTexts.Of(SemanticModel.Create("t.esc", Policies.Header + """
        fields {
            region text
            tier   text
        }
        severity p1 { acknowledge within 1h }
        escalation r for p1 when region == eu1 or tier in [gold, silver] {
            owner desk
            after 10m: escalate to route(region)
        }
        route region {
            eu1 -> desk
            eu2 -> lead
            default -> desk
        }
        pause sla while status == awaiting_customer
        """).Policy);

    [Theory]
    [InlineData("status", "awaiting customer", "awaiting_customer")]
    [InlineData("status", "Awaiting_Customer", "awaiting_customer")]
    [InlineData("tier", "glod", "gold")]
    public void AValueOneLetterOffANamedOneIsAProbableMisspelling(string field, string value, string meant) =>
        Compared.Misspelt(field, value).ShouldBe([meant]);

    [Theory]
    [InlineData("status", "awaiting_customer")] // named
    [InlineData("region", "eu2")]               // not compared, but routed: a value the policy knows
    [InlineData("region", "eu3")]               // one digit off eu1: another region, not a typo
    [InlineData("tier", "bronze")]              // far from every named value
    [InlineData("status", "waiting for customer")] // more than one letter off
    [InlineData("impact", "x")]                 // a field no condition compares
    public void OtherValuesAreNotWarnedOf(string field, string value) =>
        Compared.Misspelt(field, value).ShouldBeEmpty();
}
