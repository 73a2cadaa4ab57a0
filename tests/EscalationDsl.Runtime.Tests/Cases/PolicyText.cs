namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>
/// The declarations the table-driven cases share (owners, fields, a calendar), so that each case
/// only writes the severities and rules it is about.
/// </summary>
internal static class PolicyText
{
    /// <summary>A small hierarchy (frontline → lead → director, oncall → lead) and engineering specialists.</summary>
    public const string Prelude = """
        policy "cases" version 1

        calendar business "America/New_York" {
            hours mon..fri 09:00-17:00
            holiday 2026-11-26 "Thanksgiving Day"
            holiday 2026-12-25 "Christmas Day"
        }

        owners {
            team  frontline "Front line"   reports to lead
            role  lead      "Duty lead"    reports to director
            role  director  "Director"
            group oncall    "On-call"      engineering reports to lead
            team  network   "Network"      engineering
            team  backend   "Backend"      engineering
            team  database  "Database"     engineering
            team  security  "Security"     engineering
        }

        fields {
            issue_type       enum [network_outage, database, auth_failure, performance, other]
            impact           enum [production, degraded, minor]
            confirmed        flag
            security_flagged flag
            new_impact       flag
            root_cause       text
            request_id       text
            client_version   text
            next_update      time
        }

        """;

    /// <summary>Severities without SLA targets, for cases about rules only.</summary>
    public const string PlainSeverities = """
        severity sev1 "Critical" { }
        severity sev2 "Major" { }
        severity sev3 "Minor" { }

        """;

    /// <summary>The full policy text of a case.</summary>
    public static string With(string body, string? severities = null) => Prelude + (severities ?? PlainSeverities) + body;
}
