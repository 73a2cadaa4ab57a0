using Xunit.Abstractions;

namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>Every action and owner reference (docs/runtime.md, "Actions and owners").</summary>
public sealed class ActionTests(ITestOutputHelper output)
{
    private const string Routes = """
        route issue_type {
            network_outage -> network
            database       -> database
            default        -> backend
        }

        """;

    private static readonly RuntimeCase[] Cases =
    [
        new("NotifyAndPageGoToEachOwnerInOrder",
            "escalation r for sev1 { immediately: notify lead, director, page oncall, network }",
            "+0m created sev1",
            "+0m notify lead", "+0m notify director", "+0m page oncall", "+0m page network"),
        new("AssignToAnEngineeringOwnerMovesTheTicketToAssigned",
            "escalation r for sev1 { after 10m: assign oncall }",
            "+0m created sev1; +1h advance",
            "+10m assign oncall")
        {
            Severities = "severity sev1 { assign within 30m }\n",
            Snapshot = "assigned owner=oncall level=0",
            Clocks = ["sla assign met"],
        },
        new("AssignToAnEngineeringOwnerMovesAnAcknowledgedTicketToAssigned",
            "escalation r for sev1 { after 10m: assign network }",
            "+0m created sev1; +5m acknowledged; +1h advance",
            "+10m assign network")
        {
            Snapshot = "assigned owner=network level=0",
        },
        new("AssignToAnOwnerOutsideEngineeringKeepsTheState",
            "escalation r for sev1 { after 10m: assign frontline }",
            "+0m created sev1; +5m acknowledged; +1h advance",
            "+10m assign frontline", "+30m sla_breach frontline assign")
        {
            Severities = "severity sev1 { assign within 30m }\n",
            Snapshot = "acknowledged owner=frontline level=0",
            Clocks = ["sla assign breached"],
        },
        new("AssignIsSkippedWhenTheOwnerAlreadyOwnsTheTicket",
            "escalation r for sev1 { immediately: assign frontline\n after 10m: assign owner }",
            "+0m created sev1 owner=frontline; +1h advance")
        {
            Snapshot = "open owner=frontline level=0",
        },
        new("EscalateToANamedOwnerChangesTheOwnerAndRaisesTheLevel",
            "escalation r for sev1 { after 10m: escalate to lead }",
            "+0m created sev1 owner=frontline; +1h advance",
            "+10m escalate lead")
        {
            Snapshot = "escalated owner=lead level=1",
        },
        new("EscalateToTheCurrentOwnerIsSkipped",
            "escalation r for sev1 { after 10m: escalate to owner, notify director }",
            "+0m created sev1 owner=lead; +1h advance",
            "+10m notify director")
        {
            Snapshot = "open owner=lead level=0",
        },
        new("EscalateToNextClimbsTheReportsToChainAndStopsAtTheTop",
            """
            escalation r for sev1 {
                after 10m: escalate to next
                after 20m: escalate to next
                after 30m: escalate to next
            }
            """,
            "+0m created sev1 owner=frontline; +1h advance",
            "+10m escalate lead", "+20m escalate director")
        {
            Snapshot = "escalated owner=director level=2",
        },
        new("AnAssignBeforeEscalateToNextMovesWhoseNextItIs",
            // From a review: the state was judged from network (who reports to no one) while the actions escalated
            // from frontline to lead, leaving the ticket open at level 1.
            "escalation r for sev1 { after 10m: assign frontline, escalate to next }",
            "+0m created sev1 owner=network; +1h advance",
            "+10m assign frontline", "+10m escalate lead")
        {
            Snapshot = "escalated owner=lead level=1",
        },
        new("AnAssignToTheTopBeforeEscalateToNextLeavesNobodyToEscalateTo",
            "escalation r for sev1 { after 10m: assign director, escalate to next }",
            "+0m created sev1 owner=frontline; +1h advance",
            "+10m assign director")
        {
            Snapshot = "open owner=director level=0",
        },
        new("EscalateToNextNamesNobodyWithoutAnOwner",
            "escalation r for sev1 { after 10m: escalate to next, notify lead }",
            "+0m created sev1; +1h advance",
            "+10m notify lead"),
        new("EscalateToRouteUsesTheTicketsFieldValue",
            Routes + "escalation r for sev1 { after 10m: escalate to route(issue_type) }",
            "+0m created sev1 issue_type=database; +1h advance",
            "+10m escalate database")
        {
            Severities = "severity sev1 { assign within 30m }\n",
            Snapshot = "escalated owner=database level=1",
            Clocks = ["sla assign met"],
        },
        new("RouteFallsBackToItsDefaultForAnUnlistedValue",
            Routes + "escalation r for sev1 { after 10m: escalate to route(issue_type) }",
            "+0m created sev1 issue_type=performance; +1h advance",
            "+10m escalate backend"),
        new("RouteFallsBackToItsDefaultWhenTheFieldIsUnset",
            Routes + "escalation r for sev1 { after 10m: page route(issue_type) }",
            "+0m created sev1; +1h advance",
            "+10m page backend"),
        new("RouteWithoutAMatchOrDefaultSkipsTheAction",
            "route issue_type { database -> database }\nescalation r for sev1 { after 10m: escalate to route(issue_type), notify lead }",
            "+0m created sev1 issue_type=other; +1h advance",
            "+10m notify lead"),
        new("RouteFollowsAFieldChangedAfterCreation",
            Routes + "escalation r for sev1 { after 10m: escalate to route(issue_type) }",
            "+0m created sev1 issue_type=database; +5m field_set issue_type=network_outage; +1h advance",
            "+10m escalate network"),
        new("HybridEscalatesUpTheHierarchyThenToTheSpecialist",
            Routes + """
            escalation r for sev1 {
                after 15m: escalate to next
                after 60m: escalate to route(issue_type)
            }
            """,
            "+0m created sev1 issue_type=network_outage owner=frontline; +2h advance",
            "+15m escalate lead", "+1h escalate network")
        {
            Snapshot = "escalated owner=network level=2",
        },
        new("RemindAndRequireGoToTheCurrentOwner",
            "escalation r for sev1 { after 10m: remind owner, require root_cause, request_id }",
            "+0m created sev1 owner=frontline; +1h advance",
            "+10m remind frontline", "+10m require_fields frontline"),
        new("RemindOwnerNamesNobodyWithoutAnOwnerButRequireStillGoesOut",
            "escalation r for sev1 { after 10m: remind owner, require root_cause }",
            "+0m created sev1; +1h advance",
            "+10m require_fields"),
        new("StopPagingStepTurnsLaterPagesIntoNotifications",
            """
            escalation r for sev1 {
                after 10m: page oncall
                after 20m: stop paging
                after 30m: page oncall
            }
            """,
            "+0m created sev1; +1h advance",
            "+10m page oncall", "+20m stop_paging", "+30m notify oncall")
        {
            Snapshot = "open owner=- level=0 paging_stopped",
        },
        new("EnterMonitorStepMovesTheTicketToMonitoring",
            "escalation r for sev1 { after 10m: enter monitor }",
            "+0m created sev1; +5m acknowledged; +1h advance",
            "+10m enter_monitor")
        {
            Snapshot = "monitoring owner=- level=0 monitoring",
        },
        new("StopPagingWhenPagingIsAlreadyStoppedIsSkipped",
            "escalation r for sev1 { after 5m: page oncall\n after 10m: stop paging\n after 20m: stop paging, page oncall }",
            "+0m created sev1; +1h advance",
            "+5m page oncall", "+10m stop_paging", "+20m notify oncall")
        {
            Snapshot = "open owner=- level=0 paging_stopped",
        },
        new("StopPagingBeforeAnyPageSendsNoDecisionButLaterPagesGoOutAsNotifications",
            // A new-user trial: sinks got `stop_paging` for tickets that had never paged.
            "escalation r for sev1 { after 10m: stop paging\n after 20m: page oncall }",
            "+0m created sev1; +1h advance",
            "+20m notify oncall")
        {
            Snapshot = "open owner=- level=0 paging_stopped",
        },
        new("StopPagingAfterAPageTurnedIntoANotificationSendsNoDecision",
            "escalation r for sev1 { after 5m: page oncall\n after 10m: stop paging }\npage only when confirmed",
            "+0m created sev1; +1h advance",
            "+5m notify oncall")
        {
            Snapshot = "open owner=- level=0 paging_stopped",
        },
        new("EnterMonitorInMonitorModeIsSkipped",
            "escalation r for sev1 { after 10m: enter monitor\n after 20m: enter monitor, notify lead }",
            "+0m created sev1; +5m acknowledged; +1h advance",
            "+10m enter_monitor", "+20m notify lead")
        {
            Snapshot = "monitoring owner=- level=0 monitoring",
        },
        new("ActionsOfOneStepSeeTheEffectsOfTheEarlierOnes",
            "escalation r for sev1 { after 10m: escalate to lead, notify owner, escalate to next, page owner }",
            "+0m created sev1 owner=frontline; +1h advance",
            "+10m escalate lead", "+10m notify lead", "+10m escalate director", "+10m page director")
        {
            Snapshot = "escalated owner=director level=2",
        },
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ActionBehavesAsTheSpecSays(string name) => Cases.Single(c => c.Name == name).Verify(output);
}
