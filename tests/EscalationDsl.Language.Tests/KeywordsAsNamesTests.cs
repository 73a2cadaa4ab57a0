using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// `business`, `assign`, `hours`, `severity` and `owner` are keywords, but the grammar lets them
/// stand as names where they read naturally: a calendar called business, the assign SLA
/// component, the hours unit, and the built-in severity and owner fields.
/// </summary>
public sealed class KeywordsAsNamesTests
{
    private static readonly SemanticModel Model = SemanticModel.Create("names.esc", """
        policy "names" version 1
        calendar business "America/New_York" {
            hours mon..fri 09:00-17:00
        }
        calendar support "Europe/Dublin" {
            hours mon..fri 08:00-18:00
        }
        owners {
            team frontline "Front line"
            team backend   "Backend" engineering
        }
        severity sev1 {
            calendar business
            assign      within 4 business hours
            acknowledge within 2 hours
        }
        severity sev2 {
            acknowledge within 1 business day on business
        }
        route severity {
            sev1    -> backend
            default -> frontline
        }
        escalation in_hours for sev1 when during business and severity == sev1 and owner == frontline {
            owner frontline
            calendar business
            after 3 business hours: assign backend
            after 2 hours: escalate to route(severity)
        }
        """);

    [Fact]
    public void PolicyUsingKeywordsAsNamesBindsWithoutDiagnostics() => Model.Diagnostics.ShouldBeEmpty();

    [Fact]
    public void BusinessNamesACalendarEverywhereACalendarIsNamed()
    {
        Model.Policy.Calendars.Select(c => c.Name).ShouldBe(["business", "support"]);
        Model.Policy.FindSeverity("sev1")!.Calendar!.Name.ShouldBe("business");
        Model.Policy.FindRule("in_hours")!.Calendar!.Name.ShouldBe("business");
        Model.Policy.FindSeverity("sev2")!.Target(SlaComponent.Acknowledge)!.Within.ShouldBeOfType<BusinessDuration>().Calendar.Name.ShouldBe("business");
    }

    [Fact]
    public void BusinessAfterDuringIsTheCalendarName()
    {
        var when = Model.Policy.FindRule("in_hours")!.When.ShouldBeOfType<AndCondition>();
        var first = when.Left.ShouldBeOfType<AndCondition>().Left;
        first.ShouldBeOfType<DuringCondition>().Calendar.Name.ShouldBe("business");
    }

    [Fact]
    public void AssignIsAnSlaComponentAndStillAnAction()
    {
        var target = Model.Policy.FindSeverity("sev1")!.Target(SlaComponent.Assign).ShouldNotBeNull();
        target.Within.ShouldBeOfType<BusinessDuration>().Minutes.ShouldBe(240);

        var step = Model.Policy.FindRule("in_hours")!.Steps[0];
        step.Actions.ShouldHaveSingleItem().ShouldBeOfType<AssignAction>().Owner.ShouldBeOfType<NamedOwnerRef>().Owner.Name.ShouldBe("backend");
    }

    [Fact]
    public void HoursIsAUnitInWallClockAndBusinessDurations()
    {
        var rule = Model.Policy.FindRule("in_hours")!;
        rule.Steps[0].Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<BusinessDuration>().Minutes.ShouldBe(180);
        rule.Steps[1].Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<WallClockDuration>().Value.TotalHours.ShouldBe(2);
        Model.Policy.FindSeverity("sev1")!.Target(SlaComponent.Acknowledge)!.Within.ShouldBeOfType<WallClockDuration>();
    }

    [Fact]
    public void SeverityAndOwnerAreFieldNamesInConditionsRoutesAndRouteRefs()
    {
        var conditions = Model.Policy.FindRule("in_hours")!.When.ShouldBeOfType<AndCondition>();
        conditions.Right.ShouldBeOfType<CompareCondition>().Field.Name.ShouldBe("owner");
        conditions.Left.ShouldBeOfType<AndCondition>().Right.ShouldBeOfType<CompareCondition>().Field.Name.ShouldBe("severity");

        Model.Policy.FindRoute("severity").ShouldNotBeNull();
        var escalate = Model.Policy.FindRule("in_hours")!.Steps[1].Actions.ShouldHaveSingleItem().ShouldBeOfType<EscalateAction>();
        escalate.Owner.ShouldBeOfType<RoutedOwnerRef>().Route.Field.Name.ShouldBe("severity");
    }

    [Fact]
    public void SeverityAsADeclaredFieldNameReachesTheBinder()
    {
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\nfields {\n    owner text\n}\nseverity sev1 { acknowledge within 15m }\n");

        model.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("ESC2033");
    }

    [Fact]
    public void BusinessIsNotAnOwnerName()
    {
        // Owner names are plain names; the grammar makes no exception there.
        var model = SemanticModel.Create("t.esc", "policy \"p\" version 1\nowners {\n    team business \"Biz\"\n}\nseverity sev1 { acknowledge within 15m }\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("'business' is a keyword");
    }
}
