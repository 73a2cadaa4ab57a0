namespace EscalationDsl.Runtime.Tests.Properties;

/// <summary>
/// Policies the replay properties run: the shipped support policy and one that uses every
/// trigger and action. Neither has time-dependent conditions (`older than`, `during`) or
/// `on status`, so extra evaluation points (AdvanceTo, a zero-length pause) must change nothing.
/// </summary>
internal static class PropertyPolicies
{
    public const string KitchenSink = """
        policy "kitchen sink" version 1

        calendar business "Europe/London" {
            hours mon..fri 08:00-12:00, 13:00-18:00
            holiday 2026-04-03..2026-04-06 "Easter"
            holiday 2026-12-25..2026-12-28 "Christmas"
        }

        owners {
            team  frontline "Front line" reports to lead
            role  lead      "Duty lead"  reports to director
            role  director  "Director"
            group oncall    "On-call"    engineering reports to lead
            team  network   "Network"    engineering
            team  backend   "Backend"    engineering
            team  security  "Security"   engineering
        }

        fields {
            issue_type       enum [network_outage, database, auth_failure, other]
            impact           enum [production, degraded, minor]
            confirmed        flag
            security_flagged flag
            new_impact       flag
            root_cause       text
            request_id       text
            next_update      time
        }

        severity sev1 {
            acknowledge  within 15m
            first_update within 30m
            assign       within 30m
            mitigate     within 4h with next_update
            update every 45m until contained
        }
        severity sev2 {
            acknowledge  within 1h
            first_update within 2 business hours
            mitigate     within 1 business day
            update every 2h
        }
        severity sev3 {
            acknowledge within 4 business hours
            resolve     within 3 business days
        }

        route issue_type {
            network_outage -> network
            database       -> backend
            default        -> backend
        }

        require request_id before escalate when issue_type == auth_failure
        page only when confirmed

        escalation hot for sev1 when impact == production {
            immediately: assign frontline, page oncall
            after 15m unless acknowledged: notify lead, page oncall
            after 30m unless engineering_assigned: escalate to next
            after 1h unless root_cause: escalate to route(issue_type)
            every 30m since customer_update while not contained up to 5 times: remind owner, require root_cause
        }

        escalation warm for sev2, sev3 {
            page only when impact != minor
            after 2 business hours unless acknowledged: notify lead, page owner
            every 1 business day while not resolved: remind owner
            on workaround_failed: escalate to route(issue_type)
            on new_impact: escalate to next
            on severity_raised: notify director
        }

        escalation sec for any when security_flagged {
            immediately: escalate to security, page security
            on customer_update when confirmed: notify security
        }

        escalation watch for any {
            on severity_changed: notify lead
            on reopened: page owner
            on engineering_assigned: notify director
            on mitigation_planned: remind owner
            every 20m while escalation_level >= 2 up to 3 times: page director
        }

        deescalate when mitigation_status == contained {
            stop paging
            enter monitor
        }
        deescalate when confirmed and impact == degraded { notify lead }

        pause sla while status == awaiting_customer
        """;
}
