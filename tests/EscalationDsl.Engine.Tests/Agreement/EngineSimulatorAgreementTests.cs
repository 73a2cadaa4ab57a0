using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Sources;
using EscalationDsl.Tests;
using NodaTime;

namespace EscalationDsl.Engine.Tests.Agreement;

/// <summary>
/// One compiled policy drives the engine and the simulator, so on the same history their figures
/// agree. The week of tickets goes to a real engine over HTTP (the fake clock moved to each event, so
/// deadlines fire in between as on the simulator's virtual clock) and through <c>esc sim</c>'s
/// replay; <c>/metrics</c> and the report are compared where they count the same thing. Where they
/// group differently (docs/engine.md#metrics-and-the-simulators-report), each is checked against the
/// per-ticket facts of the replay, grouped its own way.
/// </summary>
public sealed class EngineSimulatorAgreementTests
{
    private static readonly string Log = RepoPaths.Combine("tests", "EscalationDsl.Engine.Tests", "Agreement", "week-of-support-tickets.jsonl");

    /// <summary>
    /// Live, the clock moves to each event and the scheduler runs what fell due in between; as a
    /// backfill, the whole week arrives in one batch at its end, and each event first runs the deadlines
    /// due before it, as the simulator does.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EngineMetricsAndSimulatorReportAgreeOnTheSameWeekOfTickets(bool backfill)
    {
        var policy = Compile(File.ReadAllText(Path.Combine(RepoPaths.Policies, "support.esc")));
        var (report, tickets) = Simulate(policy);
        var metrics = await RunEngine(backfill);

        report.Input.BadRows.ShouldBe(0);
        metrics.Sum("esc_events_total").ShouldBe(report.Input.Events, "the engine took every event the simulator replayed");

        // Response times: the engine by the severity at the moment, the report by the severity a ticket ended with.
        tickets.ShouldContain(t => t.AcknowledgedLate, "the week holds a ticket first acknowledged once resolved, which neither side times");
        var acknowledged = tickets.Where(t => t.Acknowledged is not null).ToList();
        acknowledged.ShouldContain(t => t.SeverityAt(t.Acknowledged!.Value) != t.FinalSeverity, "the week holds a ticket whose severity changed after its acknowledgement");
        AgreeOnDurations(metrics, "esc_time_to_first_response_seconds", report, r => r.FirstResponse,
            [.. acknowledged.Select(t => (t.SeverityAt(t.Acknowledged!.Value), t.FinalSeverity, Seconds(t.Created, t.Acknowledged!.Value)))]);

        // Engineering: the engine's histogram is the report's "with policy" column; an assignment to a
        // resolved or closed ticket is no response, in both.
        tickets.ShouldContain(t => t.Engineering != null && !t.Engineering.Value.Open, "the week holds a ticket first given to engineering after it was resolved");
        var engineered = tickets.Where(t => t.Engineering is { Open: true }).ToList();
        AgreeOnDurations(metrics, "esc_time_to_engineering_assignment_seconds", report, r => r.EngineeringWithPolicy,
            [.. engineered.Select(t => (t.SeverityAt(t.Engineering!.Value.At), t.FinalSeverity, Seconds(t.Created, t.Engineering!.Value.At)))]);

        var decisions = tickets.SelectMany(t => t.Decisions.Select(d => (Ticket: t, Decision: d))).ToList();
        long Count(DecisionKind kind) => report.Escalations.DecisionsByKind.GetValueOrDefault(DecisionKinds.Name(kind));

        // Escalations and pages by rule are the same counts; by issue type the engine labels the moment, the report the end.
        foreach (var rule in report.Escalations.ByRule)
        {
            metrics.Sum("esc_escalations_total", ("rule", rule.Rule)).ShouldBe(rule.Escalations, $"escalations by {rule.Rule}");
            metrics.Sum("esc_pages_total", ("rule", rule.Rule)).ShouldBe(rule.Pages, $"pages by {rule.Rule}");
        }

        metrics.Sum("esc_escalations_total").ShouldBe(Count(DecisionKind.Escalate));
        metrics.Sum("esc_pages_total").ShouldBe(Count(DecisionKind.Page));
        var escalations = decisions.Where(x => x.Decision.Kind == DecisionKind.Escalate).ToList();
        escalations.ShouldContain(x => x.Ticket.IssueTypeAt(x.Decision.At) != x.Ticket.FinalIssueType, "the week holds a ticket whose issue type changed after an escalation");
        foreach (var issue in escalations.Select(x => x.Ticket.IssueTypeAt(x.Decision.At)).Distinct())
        {
            metrics.Sum("esc_escalations_total", ("issue_type", issue)).ShouldBe(escalations.Count(x => x.Ticket.IssueTypeAt(x.Decision.At) == issue), $"escalations of {issue} at the moment");
        }

        foreach (var row in report.Escalations.ByIssueType)
        {
            row.Escalations.ShouldBe(escalations.Count(x => x.Ticket.FinalIssueType == row.Key), $"escalations of tickets that ended as {row.Key}");
        }

        // SLA breaches: the counter counts breach decisions by component and the severity at the moment;
        // the compliance table counts tickets by the final status of their final severity's targets.
        var breaches = decisions.Where(x => x.Decision.Kind == DecisionKind.SlaBreach).ToList();
        metrics.Sum("esc_sla_breaches_total").ShouldBe(Count(DecisionKind.SlaBreach));
        foreach (var component in report.Sla.Components)
        {
            foreach (var severity in policy.Model.Severities.Select(s => s.Name))
            {
                metrics.Sum("esc_sla_breaches_total", ("component", component), ("severity", severity)).ShouldBe(
                    breaches.Count(x => Format(x.Decision.Component) == component && x.Ticket.SeverityAt(x.Decision.At) == severity), $"{component} breaches at {severity}");
            }

            var breachedTickets = report.Sla.BySeverity.Sum(r => r.Components.TryGetValue(component, out var cell) ? cell.Breached : 0);
            breachedTickets.ShouldBeLessThanOrEqualTo((long)metrics.Sum("esc_sla_breaches_total", ("component", component)), $"tickets breached on {component} at the end");
        }

        // Missed update intervals: the same decisions, by the severity at the moment or at the end.
        var missed = decisions.Where(x => x.Decision.Kind == DecisionKind.MissedUpdate).ToList();
        missed.ShouldNotBeEmpty();
        metrics.Sum("esc_missed_update_intervals_total").ShouldBe(report.CustomerUpdates.BySeverity.Sum(r => r.MissedIntervals));
        foreach (var row in report.CustomerUpdates.BySeverity)
        {
            metrics.Sum("esc_missed_update_intervals_total", ("severity", row.Severity)).ShouldBe(missed.Count(x => x.Ticket.SeverityAt(x.Decision.At) == row.Severity), $"missed updates at {row.Severity}");
            row.MissedIntervals.ShouldBe(missed.Count(x => x.Ticket.FinalSeverity == row.Severity), $"missed updates of tickets that ended as {row.Severity}");
        }

        // Open at the end: the gauge holds resolved tickets until they close, the report does not.
        (metrics.Sum("esc_open_tickets") - metrics.Sum("esc_open_tickets", ("state", "resolved"))).ShouldBe(report.Tickets.OpenAtEnd);
    }

    /// <summary>
    /// Checks one response histogram against the report: the engine's count, sum and buckets per
    /// severity at the moment equal the per-ticket durations grouped that way; the report's count,
    /// median and 90th percentile per final severity equal them grouped by the final severity; over
    /// all severities both hold the same tickets, so the report's median and 90th percentile fall in the
    /// histogram's buckets of those ranks.
    /// </summary>
    private static void AgreeOnDurations(Scrape metrics, string name, SimulationReport report, Func<SeverityDurations, DurationStats> column,
        List<(string AtTheMoment, string AtTheEnd, double Seconds)> tickets)
    {
        tickets.ShouldNotBeEmpty();
        foreach (var severity in report.Response.BySeverity.Select(r => r.Severity))
        {
            var now = tickets.Where(t => t.AtTheMoment == severity).Select(t => t.Seconds).ToList();
            metrics.Sum(name + "_count", ("severity", severity)).ShouldBe(now.Count, $"{name} of {severity} at the moment");
            metrics.Sum(name + "_sum", ("severity", severity)).ShouldBe(now.Sum(), $"{name} of {severity} at the moment");
            foreach (var le in EngineMetrics.ResponseBuckets)
            {
                metrics.Sum(name + "_bucket", ("severity", severity), ("le", le.ToString(CultureInfo.InvariantCulture))).ShouldBe(now.Count(s => s <= le), $"{name} of {severity} at or below {le} s");
            }

            var end = tickets.Where(t => t.AtTheEnd == severity).Select(t => t.Seconds).ToList();
            var stats = column(report.Response.BySeverity.Single(r => r.Severity == severity));
            stats.Count.ShouldBe(end.Count, $"report {name} of tickets that ended as {severity}");
            ShouldBeNearestRank(stats.Median, end, 0.5, $"report median of {severity}");
            ShouldBeNearestRank(stats.P90, end, 0.9, $"report p90 of {severity}");
        }

        var all = column(report.Response.All);
        all.Count.ShouldBe((long)metrics.Sum(name + "_count"));
        foreach (var (p, value) in new[] { (0.5, all.Median!.Value), (0.9, all.P90!.Value) })
        {
            var rank = (long)Math.Ceiling(p * all.Count);
            var bucket = EngineMetrics.ResponseBuckets.Append(double.PositiveInfinity)
                .First(le => metrics.Sum(name + "_bucket", ("le", double.IsInfinity(le) ? "+Inf" : le.ToString(CultureInfo.InvariantCulture))) >= rank);
            var below = EngineMetrics.ResponseBuckets.Where(le => le < bucket).DefaultIfEmpty(0).Max();
            ((double)value).ShouldBeInRange(below + 1, bucket, $"the report's p{p * 100} of {name} lies in the histogram's bucket of rank {rank}");
        }
    }

    /// <summary>
    /// The report's percentile is the smallest value with at least p·n values at or below it, exact
    /// below 65,536 s and rounded down by less than 2⁻¹⁵ above (docs/simulator.md).
    /// </summary>
    private static void ShouldBeNearestRank(long? reported, List<double> values, double p, string because)
    {
        if (values.Count == 0)
        {
            reported.ShouldBeNull(because);
            return;
        }

        var exact = (long)values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);
        reported.ShouldNotBeNull(because);
        reported.Value.ShouldBeInRange(exact - (exact >> 15), exact, because);
    }

    private static double Seconds(Instant from, Instant to) => (to - from).TotalSeconds;

    private static string? Format(SlaComponent? component) => component is { } c ? ModelFormatter.Format(c) : null;

    private static CompiledPolicy Compile(string source)
    {
        var model = SemanticModel.Create(new SourceText("support.esc", source));
        model.Diagnostics.ShouldBeEmpty();
        return CompiledPolicy.Compile(model);
    }

    /// <summary>Runs <c>esc sim</c>'s replay on the week, keeping each ticket's events and decisions as it replays them.</summary>
    private static (SimulationReport Report, List<ReplayedTicket> Tickets) Simulate(CompiledPolicy policy)
    {
        var tickets = new Dictionary<string, ReplayedTicket>(StringComparer.Ordinal);
        ReplayedTicket Ticket(string id) => tickets.TryGetValue(id, out var t) ? t : tickets[id] = new ReplayedTicket(id);
        var options = new SimulationOptions
        {
            Replayed = e => Ticket(e.TicketId).OnEvent(e, policy),
            Decided = d => Ticket(d.TicketId).OnDecision(d, policy),
        };
        using var source = new CanonicalEventSource(Log, "week-of-support-tickets.jsonl");
        var result = new Simulator(policy, options).Run(source);
        return (result.Report, [.. tickets.Values]);
    }

    /// <summary>
    /// Sends the week to a real engine. Live: in time order, before each event the clock moves to just
    /// before the event's instant and the engine runs what fell due, so, as in the replay, a deadline at
    /// an event's very instant waits for the event. Backfill: the clock moves to the last event and the
    /// week goes in one batch. Either way the clock ends at the last event, the instant the simulator
    /// advances open tickets to.
    /// </summary>
    private static async Task<Scrape> RunEngine(bool backfill)
    {
        await using var engine = await EngineFixture.StartAsync();
        var lines = File.ReadLines(Log).Where(l => l.StartsWith('{')).ToList();
        var times = lines.Select(l => DateTimeOffset.Parse(JsonNode.Parse(l)!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture)).ToList();
        if (backfill)
        {
            await engine.AdvanceAsync(times.Max() - engine.Time.GetUtcNow());
            await Post(engine, "/v1/events:batch", "{\"events\":[" + string.Join(",", lines) + "]}");
        }
        else
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var before = times[i].AddMilliseconds(-1);
                if (before > engine.Time.GetUtcNow())
                {
                    await engine.AdvanceAsync(before - engine.Time.GetUtcNow());
                }

                await Post(engine, "/v1/events", lines[i]);
            }
        }

        await engine.AdvanceAsync(times.Max() - engine.Time.GetUtcNow());
        var text = await engine.ScrapeUntil(m => new Scrape(m).Sum("esc_events_total") == lines.Count, "every event is counted");
        return new Scrape(text);
    }

    private static async Task Post(EngineFixture engine, string path, string body)
    {
        var response = await engine.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }
}
