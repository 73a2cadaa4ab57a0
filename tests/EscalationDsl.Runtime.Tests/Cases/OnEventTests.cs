using Xunit.Abstractions;

namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>`on EVENT when C` for every event name docs/runtime.md lists, and declared flags.</summary>
public sealed class OnEventTests(ITestOutputHelper output)
{
    private static readonly RuntimeCase[] Cases =
    [
        new("OnCreatedFiresOnceAtCreation",
            "escalation r for any { on created: notify lead }",
            "+0m created sev1; +10m acknowledged; +20m severity_changed sev2; +1h advance",
            "+0m notify lead"),
        new("OnAcknowledgedFiresAtEachAcknowledgement",
            "escalation r for any { on acknowledged: notify lead }",
            "+0m created sev1; +5m customer_update; +10m acknowledged; +20m acknowledged",
            "+10m notify lead", "+20m notify lead"),
        new("OnFirstUpdateFiresOnTheFirstCustomerUpdateWhicheverEventCarriesIt",
            "escalation r for any { on first_update: notify lead }",
            "+0m created sev1; +5m customer_update; +10m first_update; +15m customer_update",
            "+5m notify lead"),
        new("OnFirstUpdateFiresOnceForAFirstUpdateEvent",
            "escalation r for any { on first_update: notify lead }",
            "+0m created sev1; +5m first_update; +10m customer_update; +15m first_update",
            "+5m notify lead"),
        new("OnCustomerUpdateAlsoMatchesFirstUpdate",
            "escalation r for any { on customer_update: notify lead }",
            "+0m created sev1; +5m first_update; +10m customer_update; +15m acknowledged",
            "+5m notify lead", "+10m notify lead"),
        new("OnAssignedFiresForEveryAssignment",
            "escalation r for any { on assigned: notify owner }",
            "+0m created sev1; +5m assigned frontline; +10m assigned oncall",
            "+5m notify frontline", "+10m notify oncall"),
        new("OnEngineeringAssignedFiresOnlyForAssignmentsToEngineering",
            "escalation r for any { on engineering_assigned: notify lead }",
            "+0m created sev1; +5m assigned frontline; +10m assigned frontline engineering; +15m assigned network; +20m assigned director",
            "+10m notify lead", "+15m notify lead"),
        new("OnFieldSetFiresForFieldSetEventsOnly",
            "escalation r for any { on field_set: notify lead }",
            "+0m created sev1 root_cause=unknown; +5m acknowledged root_cause=dns; +10m field_set root_cause=cache",
            "+10m notify lead"),
        new("OnSeverityChangedFiresInBothDirections",
            "escalation r for any { on severity_changed: notify lead }",
            "+0m created sev2; +5m severity_changed sev1; +10m severity_changed sev3",
            "+5m notify lead", "+10m notify lead"),
        new("OnSeverityRaisedAndLoweredFireOnlyInTheirDirection",
            """
            escalation r for any {
                on severity_raised:  notify lead
                on severity_lowered: notify director
            }
            """,
            "+0m created sev2; +5m severity_changed sev1; +10m severity_changed sev3; +15m severity_changed sev3",
            "+5m notify lead", "+10m notify director"),
        new("OnFlaggedFiresForEveryFlaggedEvent",
            "escalation r for any { on flagged: notify lead }",
            "+0m created sev1; +5m flagged confirmed; +10m flagged new_impact; +15m field_set confirmed=true",
            "+5m notify lead", "+10m notify lead"),
        new("OnADeclaredFlagFiresWhenAFlaggedEventRaisesIt",
            "escalation r for any { on new_impact: notify lead }",
            "+0m created sev1; +5m flagged confirmed; +10m flagged new_impact; +15m flagged new_impact",
            "+10m notify lead"),
        new("OnADeclaredFlagFiresEachTimeAFieldSetRaisesIt",
            "escalation r for any { on new_impact: notify lead }",
            "+0m created sev1; +5m field_set new_impact=true; +10m field_set new_impact=false; +15m field_set new_impact=yes; +20m field_set new_impact=true",
            "+5m notify lead", "+15m notify lead"),
        new("OnWorkaroundFailedFiresAtTheEvent",
            "escalation r for any { on workaround_failed: escalate to backend }",
            "+0m created sev3; +30m workaround_failed",
            "+30m escalate backend")
        {
            Snapshot = "escalated owner=backend level=1",
        },
        new("OnMitigationMatchesBothStatusesButPlannedAndContainedOnlyTheirOwn",
            """
            escalation r for any {
                on mitigation:         notify lead
                on mitigation_planned: notify director
                on contained:          notify security
            }
            """,
            "+0m created sev1; +5m mitigation planned; +10m mitigation contained",
            "+5m notify lead", "+5m notify director", "+10m notify lead", "+10m notify security"),
        new("OnStatusFiresOnlyWhenItsWhenConditionHolds",
            "escalation r for any { on status when status == awaiting_customer: notify lead }",
            "+0m created sev1; +5m status in_progress; +10m status awaiting_customer",
            "+10m notify lead"),
        new("OnReopenedFiresButOnResolvedAndOnClosedNever",
            """
            escalation r for any {
                on reopened: notify lead
                on resolved: notify director
                on closed:   notify security
            }
            """,
            "+0m created sev1; +5m resolved; +10m reopened; +15m closed",
            "+10m notify lead")
        {
            Snapshot = "closed owner=- level=0",
        },
        new("OnMonitoringFiresWhenAStepPutsTheTicketInMonitorMode",
            """
            escalation r for any {
                after 10m: enter monitor
                after 20m: enter monitor
                on monitoring: notify lead
            }
            """,
            "+0m created sev1; +1h advance",
            "+10m enter_monitor", "+10m notify lead"),
        new("OnMonitoringFiresWhenADeescalationPutsTheTicketInMonitorModeAgainAfterAReopen",
            """
            escalation r for any { on monitoring: notify lead }
            deescalate when mitigation_status == contained { enter monitor }
            """,
            "+0m created sev1; +10m mitigation contained; +20m resolved; +30m reopened; +40m mitigation contained",
            "+10m enter_monitor", "+10m notify lead", "+40m enter_monitor", "+40m notify lead"),
        new("ARuleStopsWhenADeescalationChangesWhatItsConditionReads",
            // The rules were evaluated before the deescalations only: the page at 20m went out in monitor mode.
            """
            escalation chase for sev1 when not monitoring { owner frontline  every 10m: page frontline }
            deescalate when mitigation_status == contained { enter monitor }
            """,
            "+0m created sev1; +15m mitigation contained; +1h advance",
            "+10m page frontline", "+15m enter_monitor frontline"),
        new("AStepDueAtTheInstantAnotherRulesStepEndsItsRuleDoesNotFire",
            // Rule b's step fired after rule a's escalation had ended b at the same instant, and b stopped only after it.
            """
            escalation a for sev1 { owner frontline  after 10m: escalate to lead }
            escalation b for sev1 when escalation_level == 0 { after 10m: notify director }
            """,
            "+0m created sev1; +1h advance",
            "+10m escalate lead"),
        new("AnOnStepOfARuleThatAnEarlierOnStepEndsAtTheSameEventDoesNotFire",
            """
            escalation a for sev1 { owner frontline  on acknowledged: escalate to lead }
            escalation b for sev1 when escalation_level == 0 { on acknowledged: notify director }
            """,
            "+0m created sev1; +5m acknowledged; +1h advance",
            "+5m escalate lead"),
        new("AnOnMonitoringStepOfARuleThatAnEarlierOneEndsDoesNotFire",
            """
            escalation r for sev1 { owner frontline  after 10m: enter monitor  on monitoring: escalate to next }
            escalation w for sev1 when escalation_level == 0 { on monitoring: notify director }
            """,
            "+0m created sev1; +1h advance",
            "+10m enter_monitor frontline", "+10m escalate lead"),
        new("AStepHeldBackByAnEarlierStepFiresWhenALaterOneHandsTheTicketBackAtTheSameInstant",
            // From the review: rule b was stopped mid-round and started again at its end, firing `immediately` twice.
            """
            escalation a for sev1 { after 10m: escalate to lead }
            escalation b for sev1 when owner == frontline { immediately: notify director  after 10m: remind owner }
            escalation c for sev1 { after 10m: assign frontline }
            """,
            "+0m created sev1 owner=frontline; +1h advance",
            "+0m notify director", "+10m escalate lead", "+10m assign frontline", "+10m remind frontline"),
        new("AStepDueAtTheSameInstantInARuleWrittenEarlierFiresFirst",
            // Steps due at one instant fire in the order the rules are written: b's step comes before a's escalation.
            """
            escalation b for sev1 when escalation_level == 0 { after 10m: notify director }
            escalation a for sev1 { owner frontline  after 10m: escalate to lead }
            """,
            "+0m created sev1; +1h advance",
            "+10m notify director", "+10m escalate lead"),
        new("AStepOfARuleItsOwnEarlierStepEndsAtTheSameInstantDoesNotFire",
            """
            escalation b for sev1 when escalation_level == 0 {
                owner frontline
                after 10m: escalate to lead
                after 10m: notify director
            }
            """,
            "+0m created sev1; +1h advance",
            "+10m escalate lead")
        {
            Snapshot = "escalated owner=lead level=1",
        },
        new("ARuleStartsWhenAnOnMonitoringStepEscalatesAtADeescalation",
            // Rule w started only at the ticket's next event or deadline (here never): its page was lost.
            """
            escalation r for sev1 { owner frontline  on monitoring: escalate to next }
            escalation w for any when escalation_level > 0 { immediately: page owner }
            deescalate when confirmed { enter monitor }
            """,
            "+0m created sev1; +10m flagged confirmed; +1h advance",
            "+10m enter_monitor frontline", "+10m escalate lead", "+10m page lead"),
        new("AnOnMonitoringStepFiresInARuleThatMonitorModeStarts",
            // As `on FLAG` fires in a rule `when FLAG`: the rules are evaluated before the step reacts.
            """
            escalation r for sev1 { after 10m: enter monitor }
            escalation watch for any when monitoring { on monitoring: page oncall }
            """,
            "+0m created sev1; +1h advance",
            "+10m enter_monitor", "+10m page oncall"),
        new("ARuleWrittenBeforeTheOneThatSetsTheStartingOwnerStartsWithIt",
            // Rule b was evaluated before rule a set the owner, and started only at the next event.
            """
            escalation b for any when owner == frontline { immediately: notify lead }
            escalation a for sev1 { owner frontline  after 1h: page owner }
            """,
            "+0m created sev1; +10m acknowledged; +30m advance",
            "+0m notify lead"),
        new("OnStepsDoNotFireWhileTheirRuleDoesNotApply",
            "escalation r for any when impact == production { on acknowledged: notify lead }",
            "+0m created sev1 impact=degraded; +5m acknowledged; +10m field_set impact=production; +15m acknowledged",
            "+15m notify lead"),
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void OnStepBehavesAsTheSpecSays(string name) => Cases.Single(c => c.Name == name).Verify(output);

    /// <summary>
    /// Flags are found among the ticket's values by slot; raised ones were once bits of one 64-bit word
    /// indexed by slot, so a flag declared after 64 other fields never fired its step.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(70)]
    public void OnAFlagFiresWhereverTheFlagIsAmongTheFields(int fieldsBefore)
    {
        var policy = $$"""
            policy "slots" version 1
            owners {
                role lead "Duty lead"
                role director "Director"
            }
            fields {
                early flag
            {{string.Concat(Enumerable.Range(0, fieldsBefore).Select(i => $"    f{i} text\n"))}}    late flag
            }
            severity sev1 "Critical" { }
            escalation r for any {
                on late: notify lead
                on early: notify director
            }
            """;
        var script = new TicketScript(TicketScript.Compile(policy));
        script.Run("+0m created sev1; +5m field_set late=true; +10m field_set late=false; +15m flagged late; +20m flagged early; +25m flagged late");
        script.Lines().ShouldBe(["+5m notify lead", "+15m notify lead", "+20m notify director"]);
    }
}
