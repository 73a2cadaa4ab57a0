using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>After a syntax error the parser recovers without inventing further errors.</summary>
public sealed class SyntaxRecoveryTests
{
    private const string Start = """
        policy "recovery" version 1
        calendar office "Europe/Berlin" {
            hours mon..fri 09:00-17:00
        }
        owners {
            team ops "Ops"
            team net "Net"
        }
        fields {
            impact enum [production, minor]
        }
        severity sev1 { acknowledge within 15m }
        route impact {
            production -> net
            default -> ops
        }

        """;

    [Fact]
    public void MissingNameBeforeAKeywordIsReportedAsMissingNotAsAKeywordUsedAsName()
    {
        var model = Create("escalation r for sev1 {\n    owner\n    after 15m: notify net\n}");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCatalog.MissingToken.Code);
        diagnostic.Message.ShouldBe("Missing a name before keyword 'after'. Add a name here.");
    }

    [Fact]
    public void ErrorInARuleHeaderDoesNotResumeInsideTheRuleBody()
    {
        // Resuming at the `route` of route(impact) would report a broken route declaration.
        var model = Create("escalation r for sev1 when impact = production {\n    owner ops\n    after 1h: escalate to route(impact)\n}\n" +
            "escalation r2 for sev1 {\n    owner net\n}");

        model.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCatalog.UnexpectedCharacter.Code);
        model.Policy.FindRule("r2").ShouldNotBeNull();
    }

    [Fact]
    public void BalancedFileWithUnindentedItemsIsNotRepaired()
    {
        // `calendar` and `page` start declarations, but inside a closed block they are items.
        var model = Create("escalation r for sev1 {\nowner ops\ncalendar office\npage only when impact == production\nafter 15m: page net\n}");

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.FindRule("r")!.Calendar!.Name.ShouldBe("office");
    }

    [Fact]
    public void EachUnclosedBlockIsReportedOnceWhereItShouldEnd()
    {
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\nowners {\n    team ops \"Ops\"\n\nseverity sev1 {\n    acknowledge within 15m\n\nescalation r for sev1 {\n    owner ops\n}\n");

        model.Diagnostics.Select(d => (d.Code, model.Source.GetPosition(d.Span.Start).ToString())).ShouldBe(
        [
            ("ESC1004", "3:19"),
            ("ESC1004", "6:27"),
        ]);
        model.Policy.FindRule("r")!.StartOwner!.Name.ShouldBe("ops");
    }

    [Fact]
    public void RepairedBraceNextToAMissingTokenDoesNotThrow()
    {
        // Found by RobustnessTests: ANTLR conjures the missing ']' from the token after it, the
        // inserted '}', which had no token source.
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\nfields {\n    impact enum [a, b\nseverity sev1 { acknowledge within 15m }\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Missing '}' to close the '{' on line 2, before keyword 'severity'. Add '}' here.");
    }

    [Fact]
    public void NotDeclaredErrorsWaitUntilTheSyntaxIsFixed()
    {
        // The stray ';' might hide a declaration, so the unknown owner is not reported yet.
        var broken = Create("escalation r for sev1 {\n    owner opz;\n}");
        var fixedText = Create("escalation r for sev1 {\n    owner opz\n}");

        broken.Diagnostics.Select(d => d.Code).ShouldBe(["ESC1003"]);
        fixedText.Diagnostics.Select(d => d.Code).ShouldBe(["ESC2003"]);
    }

    [Fact]
    public void ErrorsThatNoSyntaxErrorCanCauseAreStillReported()
    {
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\ncalendar office \"Europe/Berlim\" {\n    hours mon..fri 09:00-17:00\n}\nseverity sev1 { acknowledge within 15m ; }\n");

        model.Diagnostics.Select(d => d.Code).ShouldBe(["ESC2009", "ESC1003"]);
    }

    [Fact]
    public void ItemChangedByRecoveryIsNotCheckedForMeaning()
    {
        // Recovery deletes `unless`, which would leave 'acknowledged' as the unit of '15'.
        var model = Create("escalation r for sev1 {\n    owner ops\n    after 15 unless acknowledged: notify net\n}");

        model.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe(DiagnosticCatalog.UnexpectedToken.Code);
    }

    [Fact]
    public void DayFirstDateIsOneErrorNotThree()
    {
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\ncalendar office \"UTC\" {\n    hours mon..fri 09:00-17:00\n    holiday 25.12.2026\n}\nseverity sev1 { acknowledge within 15m }\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected number 25. Expected a date such as 2026-12-25.");
    }

    private static SemanticModel Create(string rest) => SemanticModel.Create("t.esc", Start + rest + "\n");
}
