using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>Slips a new user's trial made, each reported once, at the slip, with the fix.</summary>
public sealed class NewcomerSlipTests
{
    [Theory]
    [InlineData("2 working days", "working days", "Did you mean '2 business days'?")]
    [InlineData("4 working hours", "working hours", "Did you mean '4 business hours'?")]
    [InlineData("1 work day", "work day", "Did you mean '1 business day'?")]
    [InlineData("4 biz hrs", "biz hrs", "Did you mean '4 business hours'?")]
    [InlineData("2 workdays", "workdays", "Did you mean '2 business days'?")]
    [InlineData("2 business working days", "working days", "Did you mean '2 business days'?")]
    [InlineData("2 working weeks", "working weeks", "Business time is not counted in weeks; write business days instead, such as '5 business days'.")]
    [InlineData("2 full days", "full days", "Did you mean '2 days', or '2 business days' for business time?")]
    public void AWordForBusinessTimeIsOneErrorThatOffersBusiness(string duration, string underlined, string advice)
    {
        // The unit after the word used to start what followed: `Unexpected '}'` at the end of the block, or
        // `Unexpected name 'days'` in a step, after the unit error.
        var model = Policy($$"""
            severity p1 {
                resolve within {{duration}}
            }
            escalation triage for any {
                owner desk
                after {{duration}} unless acknowledged: notify desk
            }
            """);

        var diagnostics = model.Diagnostics.ToList();
        diagnostics.Count.ShouldBe(2);
        foreach (var diagnostic in diagnostics)
        {
            diagnostic.Code.ShouldBe(DiagnosticCatalog.UnknownDurationUnit.Code);
            diagnostic.Message.ShouldEndWith(advice);
            model.Source.Slice(diagnostic.Span).ShouldBe(underlined);
        }
    }

    [Fact]
    public void AUnitWordOnTheNextLineIsNotReadWithTheDuration()
    {
        // A line break ends the duration: `days` on the next line is a mistake of its own.
        var model = Policy("severity p1 {\n    resolve within 2 working\n    days\n}");

        model.Diagnostics.Select(d => d.Code).ShouldBe([DiagnosticCatalog.UnknownDurationUnit.Code, DiagnosticCatalog.UnexpectedToken.Code]);
        model.Diagnostics.First().Message.ShouldBe(
            "'2 working' has no valid unit: 'working' is not one. Use minutes, hours, days or weeks, such as '4 hours', or the short form 4h.");
    }

    [Fact]
    public void ForAllSuggestsForAny()
    {
        var model = Policy("escalation triage for all {\n    owner desk\n    after 1h unless acknowledged: notify desk\n}");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCatalog.UndefinedSeverity.Code);
        diagnostic.Message.ShouldBe("Severity 'all' is not declared. To apply the rule to every severity, write `for any`.");
    }

    [Fact]
    public void ASeverityNamedAllIsAnOrdinarySeverity()
    {
        var model = Policy("severity all { acknowledge within 1h }\nescalation triage for all {\n    owner desk\n    after 1h unless acknowledged: notify desk\n}");

        model.Diagnostics.ShouldBeEmpty();
    }

    private static SemanticModel Policy(string body) => SemanticModel.Create("n.esc", $$"""
        policy "n" version 1
        calendar office "Europe/Berlin" {
            hours mon..fri 09:00-17:00
            holiday 2026-12-25
        }
        owners { team desk "Desk" }
        severity p3 { acknowledge within 4h }
        {{body}}
        """);
}
