using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Language.Tests;

/// <summary>Every trigger and action form of the grammar binds to its model record.</summary>
public sealed class TriggerAndActionBindingTests
{
    private static readonly SemanticModel Model = SemanticModel.Create("forms.esc", """
        policy "forms" version 3
        calendar office "Europe/London" default {
            hours mon..fri 09:00-17:00
        }
        calendar night "Europe/London" {
            hours mon..sun 00:00-08:00
        }
        owners {
            team  frontline "Front line" reports to lead
            team  network   "Network"    engineering
            role  lead      "Lead"
        }
        fields {
            issue_type enum [outage, other]
            vip        flag
            root_cause text
            workaround text
        }
        severity sev1 "Critical" {
            acknowledge within 15m
            assign      within 30m
            mitigate    within 4h with root_cause
            update every 1h until contained
        }
        route issue_type {
            outage  -> network
            default -> frontline
        }
        escalation all_forms for sev1 when issue_type == outage {
            owner frontline
            driven by lead
            calendar office
            immediately: notify frontline, lead
            after 15m: page owner
            after 30m unless acknowledged: assign next
            after 1h30m unless engineering_assigned: escalate to route(issue_type)
            after 2 hours: remind owner, require root_cause, workaround
            after 4 business hours: stop paging, enter monitor
            after 1 business day on night: notify lead
            every 1h: remind owner
            every 30m since customer_update while not contained up to 3 times: notify owner
            on acknowledged: notify lead
            on vip when issue_type == outage: page network
            require root_cause before escalate when issue_type == outage
            page only when vip
        }
        require workaround before escalate
        page only when not vip
        deescalate when mitigation_status == contained {
            stop paging
            enter monitor
        }
        pause sla while status == awaiting_customer
        """);

    private static RuleModel Rule => Model.Policy.Rules.Single();

    [Fact]
    public void FormsPolicyBindsWithoutDiagnostics() => Model.Diagnostics.ShouldBeEmpty();

    [Fact]
    public void ImmediatelyBindsToImmediateTriggerWithEveryNamedOwner()
    {
        var step = Rule.Steps[0];
        step.Trigger.ShouldBeOfType<ImmediateTrigger>();
        var notify = step.Actions.ShouldHaveSingleItem().ShouldBeOfType<NotifyAction>();
        notify.Owners.Select(o => o.ShouldBeOfType<NamedOwnerRef>().Owner.Name).ShouldBe(["frontline", "lead"]);
    }

    [Fact]
    public void AfterWithoutUnlessBindsToAfterTriggerWithNoCondition()
    {
        var after = Rule.Steps[1].Trigger.ShouldBeOfType<AfterTrigger>();
        after.Delay.ShouldBeOfType<WallClockDuration>().Value.ShouldBe(Duration.FromMinutes(15));
        after.Unless.ShouldBeNull();
        Rule.Steps[1].Actions.ShouldHaveSingleItem().ShouldBeOfType<PageAction>().Owners.ShouldHaveSingleItem().ShouldBeOfType<CurrentOwnerRef>();
    }

    [Fact]
    public void AfterUnlessBindsItsConditionAndAssignBindsNext()
    {
        var step = Rule.Steps[2];
        step.Trigger.ShouldBeOfType<AfterTrigger>().Unless.ShouldBeOfType<FlagCondition>().Field.Name.ShouldBe("acknowledged");
        step.Actions.ShouldHaveSingleItem().ShouldBeOfType<AssignAction>().Owner.ShouldBeOfType<NextOwnerRef>();
    }

    [Fact]
    public void CombinedCompactDurationAndRoutedEscalation()
    {
        var step = Rule.Steps[3];
        step.Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<WallClockDuration>().Value.ShouldBe(Duration.FromMinutes(90));
        var routed = step.Actions.ShouldHaveSingleItem().ShouldBeOfType<EscalateAction>().Owner.ShouldBeOfType<RoutedOwnerRef>();
        routed.Route.Field.Name.ShouldBe("issue_type");
    }

    [Fact]
    public void WordDurationAndSeveralActionsInOrder()
    {
        var step = Rule.Steps[4];
        step.Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<WallClockDuration>().Value.ShouldBe(Duration.FromHours(2));
        step.Actions[0].ShouldBeOfType<RemindAction>().Owner.ShouldBeOfType<CurrentOwnerRef>();
        step.Actions[1].ShouldBeOfType<RequireAction>().Fields.Select(f => f.Name).ShouldBe(["root_cause", "workaround"]);
    }

    [Fact]
    public void BusinessDurationUsesTheRuleCalendarAndStopPagingAndMonitorBind()
    {
        var step = Rule.Steps[5];
        var delay = step.Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<BusinessDuration>();
        delay.Minutes.ShouldBe(240);
        delay.Calendar.Name.ShouldBe("office");
        step.Actions[0].ShouldBeOfType<StopPagingAction>();
        step.Actions[1].ShouldBeOfType<EnterMonitorAction>();
    }

    [Fact]
    public void BusinessDurationOnANamedCalendarCountsDays()
    {
        var delay = Rule.Steps[6].Trigger.ShouldBeOfType<AfterTrigger>().Delay.ShouldBeOfType<BusinessDuration>();
        delay.Days.ShouldBe(1);
        delay.Minutes.ShouldBe(0);
        delay.Calendar.Name.ShouldBe("night");
    }

    [Fact]
    public void EveryWithoutOptionsBindsToAnUncappedEveryTrigger()
    {
        var every = Rule.Steps[7].Trigger.ShouldBeOfType<EveryTrigger>();
        every.Interval.ShouldBeOfType<WallClockDuration>().Value.ShouldBe(Duration.FromHours(1));
        every.Since.ShouldBeNull();
        every.While.ShouldBeNull();
        every.Cap.ShouldBeNull();
    }

    [Fact]
    public void EveryWithSinceWhileAndCapBindsAllThree()
    {
        var every = Rule.Steps[8].Trigger.ShouldBeOfType<EveryTrigger>();
        every.Since!.Name.ShouldBe("customer_update");
        every.While.ShouldBeOfType<NotCondition>().Operand.ShouldBeOfType<FlagCondition>().Field.Name.ShouldBe("contained");
        every.Cap.ShouldBe(3);
    }

    [Fact]
    public void OnATicketEventBindsTheEvent()
    {
        var on = Rule.Steps[9].Trigger.ShouldBeOfType<OnTrigger>();
        on.Event.ShouldBe(TriggerEvent.Acknowledged);
        on.Flag.ShouldBeNull();
        on.When.ShouldBeNull();
    }

    [Fact]
    public void OnADeclaredFlagBindsFlagRaisedWithItsCondition()
    {
        var on = Rule.Steps[10].Trigger.ShouldBeOfType<OnTrigger>();
        on.Event.ShouldBe(TriggerEvent.FlagRaised);
        on.Flag!.Name.ShouldBe("vip");
        on.When.ShouldBeOfType<CompareCondition>().Value.ShouldBe("outage");
    }

    [Fact]
    public void StepsAreNumberedInSourceOrder() =>
        Rule.Steps.Select(s => s.Index).ShouldBe(Enumerable.Range(0, 11));

    [Fact]
    public void RuleSettingsAndGuardsBind()
    {
        Rule.StartOwner!.Name.ShouldBe("frontline");
        Rule.Driver!.Name.ShouldBe("lead");
        Rule.Calendar!.Name.ShouldBe("office");
        Rule.When.ShouldBeOfType<CompareCondition>();
        var require = Rule.RequireGuards.ShouldHaveSingleItem();
        require.RuleName.ShouldBe("all_forms");
        require.When.ShouldNotBeNull();
        Rule.PageGuards.ShouldHaveSingleItem().When.ShouldBeOfType<FlagCondition>();
    }

    [Fact]
    public void PolicyWideGuardsDeescalationAndPauseBind()
    {
        var require = Model.Policy.RequireGuards.ShouldHaveSingleItem();
        require.RuleName.ShouldBeNull();
        require.When.ShouldBeNull();
        require.Fields.ShouldHaveSingleItem().Name.ShouldBe("workaround");
        Model.Policy.PageGuards.ShouldHaveSingleItem().When.ShouldBeOfType<NotCondition>();
        var deescalation = Model.Policy.Deescalations.ShouldHaveSingleItem();
        deescalation.Actions.Select(a => a.GetType()).ShouldBe([typeof(StopPagingAction), typeof(EnterMonitorAction)]);
        Model.Policy.Pauses.ShouldHaveSingleItem().While.ShouldBeOfType<CompareCondition>().Value.ShouldBe("awaiting_customer");
    }

    [Fact]
    public void SeverityTargetsCadenceAndOwnerAttributesBind()
    {
        var severity = Model.Policy.Severities.ShouldHaveSingleItem();
        severity.Targets.Select(t => t.Component).ShouldBe([SlaComponent.Acknowledge, SlaComponent.Assign, SlaComponent.Mitigate]);
        severity.Target(SlaComponent.Mitigate)!.WithField!.Name.ShouldBe("root_cause");
        severity.Cadence!.Until.ShouldBeOfType<FlagCondition>().Field.Name.ShouldBe("contained");
        Model.Policy.FindOwner("frontline")!.ReportsTo.ShouldBe("lead");
        Model.Policy.FindOwner("network")!.IsEngineering.ShouldBeTrue();
    }
}
