namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Two policies that share severity, rule and owner names: every series about tickets carries its
/// policy's name, so their figures keep apart (a new user's trial found them mixed).
/// </summary>
public sealed class PolicyLabelTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task TwoPoliciesSharingSeverityAndRuleNamesKeepApartInEveryTicketSeries()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string>
        {
            ["alpha.esc"] = Policy("alpha"),
            ["beta.esc"] = Policy("beta"),
        });
        await engine.PostEventOk(Created("a1", "A-1", "alpha"));
        await engine.PostEventOk(Created("a2", "A-2", "alpha"));
        await engine.PostEventOk(Created("b1", "B-1", "beta"));
        await engine.PostEventOk(EngineFixture.Event("a3", "A-1", T0.AddMinutes(5), "acknowledged"));

        // 14:20: the pages at 14:10 and the escalations and acknowledgement breaches at 14:15 ran for the unacknowledged tickets.
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));
        await engine.PostEventOk(EngineFixture.Event("b2", "B-1", T0.AddMinutes(20), "acknowledged"));

        var metrics = await engine.ScrapeUntil(m => m.Contains(Scope("esc_time_to_first_response_seconds_count", "policy=\"beta\",severity=\"p1\"") + " 1\n", StringComparison.Ordinal), "beta's acknowledgement is timed");
        string[] expected =
        [
            Scope("esc_pages_total", "policy=\"alpha\",rule=\"triage\"") + " 1",
            Scope("esc_pages_total", "policy=\"beta\",rule=\"triage\"") + " 1",
            Scope("esc_escalations_total", "issue_type=\"unlisted\",policy=\"alpha\",rule=\"triage\"") + " 1",
            Scope("esc_escalations_total", "issue_type=\"unlisted\",policy=\"beta\",rule=\"triage\"") + " 1",
            Scope("esc_sla_breaches_total", "component=\"acknowledge\",policy=\"alpha\",severity=\"p1\"") + " 1",
            Scope("esc_sla_breaches_total", "component=\"acknowledge\",policy=\"beta\",severity=\"p1\"") + " 1",
            Scope("esc_time_to_first_response_seconds_count", "policy=\"alpha\",severity=\"p1\"") + " 1",
            Scope("esc_time_to_first_response_seconds_sum", "policy=\"alpha\",severity=\"p1\"") + " 300",
            Scope("esc_time_to_first_response_seconds_sum", "policy=\"beta\",severity=\"p1\"") + " 1200",
            Scope("esc_open_tickets", "owner=\"desk\",policy=\"alpha\",state=\"acknowledged\"") + " 1",
            Scope("esc_open_tickets", "owner=\"lead\",policy=\"alpha\",state=\"escalated\"") + " 1",
            Scope("esc_open_tickets", "owner=\"lead\",policy=\"beta\",state=\"escalated\"") + " 1",
        ];
        foreach (var line in expected)
        {
            metrics.ShouldContain(line + "\n", Case.Sensitive);
        }

        // No series about tickets is left without its policy.
        foreach (var series in metrics.Split('\n').Where(l => l.StartsWith("esc_", StringComparison.Ordinal) && !l.StartsWith("esc_deliver", StringComparison.Ordinal)
            && !l.StartsWith("esc_events_total", StringComparison.Ordinal) && !l.StartsWith("esc_scheduler", StringComparison.Ordinal) && !l.StartsWith("esc_store", StringComparison.Ordinal) && !l.StartsWith("esc_policy", StringComparison.Ordinal)))
        {
            series.ShouldContain("policy=\"", Case.Sensitive);
        }
    }

    /// <summary>A small policy under <paramref name="name"/>: the same severity, rule and owners as the other one.</summary>
    private static string Policy(string name) => $$"""
        policy "{{name}}" version 1
        owners {
            team desk "Desk" reports to lead
            role lead "Lead"
        }
        severity p1 "Urgent" {
            acknowledge within 15m
        }
        escalation triage for p1 {
            owner desk
            after 10m unless acknowledged: page desk
            after 15m unless acknowledged: escalate to lead
        }
        """;

    private static object Created(string id, string ticket, string policy) =>
        new { id, ticket, at = T0, type = "created", severity = "p1", policy };

    private static string Scope(string metric, string labels) => $"{metric}{{otel_scope_name=\"EscalationDsl.Engine\",{labels}}}";
}
