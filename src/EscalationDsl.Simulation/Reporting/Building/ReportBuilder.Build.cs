using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Turning the running totals into the report.</summary>
internal sealed partial class ReportBuilder
{
    private static readonly SlaComponent[] TargetComponents =
        [SlaComponent.Acknowledge, SlaComponent.FirstUpdate, SlaComponent.Assign, SlaComponent.Mitigate, SlaComponent.Resolve];

    /// <summary>Groups smaller than this are left out of "issue types that escalate most".</summary>
    private const int MinimumGroup = 10;

    public SimulationReport Build(InputSummary input, Instant? end)
    {
        var model = policy.Model;
        var components = TargetComponents.Where(c => model.Severities.Any(s => s.Target(c) is not null)).ToList();
        var componentNames = components.Select(ModelFormatter.Format).ToList();

        var all = new SeverityAcc();
        foreach (var severity in severities.Values)
        {
            all.AddDurations(severity);
        }

        var response = new ResponseSection(
            [.. model.Severities.Select(s => Durations(s.Name, severities[s.Name]))],
            Durations("all", all));

        var slaBySeverity = model.Severities.Select(s => new SlaRow(
            s.Name,
            severities[s.Name].Tickets,
            components.Where(c => s.Target(c) is not null).ToDictionary(ModelFormatter.Format, c => (severities[s.Name].Sla[(int)c] ?? new SlaAcc()).Cell()))).ToList();
        var slaQueues = slaByQueue
            .OrderByDescending(q => q.Value.Tickets.Value).ThenBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => new SlaRow(q.Key, q.Value.Tickets.Value, components
                .Where(c => q.Value.Components[(int)c] is not null)
                .ToDictionary(ModelFormatter.Format, c => q.Value.Components[(int)c]!.Cell())))
            .ToList();
        var unobserved = componentNames.Where(source.Unobserved.Contains).ToList();

        var kinds = Enum.GetValues<DecisionKind>().ToDictionary(DecisionKinds.Name, k => decisionsByKind[(int)k]);
        var ruleRows = model.Rules.Select(r => rules.GetValueOrDefault(r.Name) is { } acc
            ? new RuleRow(r.Name, acc.Tickets.Value, acc.Escalations, acc.Pages, acc.Notifications, acc.Other, acc.PagesAsNotifications)
            : new RuleRow(r.Name, 0, 0, 0, 0, 0)).ToList();
        var steps = coverage.Steps();
        var deescalations = coverage.Deescalations();
        var routeValues = coverage.RouteValues();
        var escalations = new EscalationSection(
            kinds,
            ruleRows,
            Rows(issueTypes),
            categoriesDiffer ? Rows(categories) : [],
            [.. model.Owners.Where(o => owners.ContainsKey(o.Name))
                .Select(o => (Owner: o.Name, Acc: owners[o.Name]))
                .Where(x => x.Acc.Escalations + x.Acc.Pages + x.Acc.Notifications + x.Acc.Assignments + x.Acc.Reminders > 0)
                .Select(x => new OwnerRow(x.Owner, x.Acc.Escalations, x.Acc.Pages, x.Acc.Notifications, x.Acc.Assignments, x.Acc.Reminders))],
            Rows(queues),
            steps,
            deescalations,
            routeValues,
            PolicyCoverage.Never(model, steps, deescalations, routeValues));

        var afterHours = new AfterHoursSection(
            PolicyFacts.DefaultCalendar(model)?.Name,
            pages,
            afterHoursPages,
            pages == 0 ? null : Math.Round((double)afterHoursPages / pages, 4),
            CountRows(afterHoursByRule),
            CountRows(afterHoursByOwner));

        var updates = new CustomerUpdateSection(
            !source.Unobserved.Contains("update"),
            [.. model.Severities.Select(s =>
            {
                var acc = severities[s.Name];
                return new UpdateRow(
                    s.Name,
                    acc.Tickets,
                    s.Cadence is { } cadence ? ModelFormatter.Format(cadence) : null,
                    s.Target(SlaComponent.FirstUpdate) is null ? null : (acc.Sla[(int)SlaComponent.FirstUpdate] ?? new SlaAcc()).Cell(),
                    acc.TicketsWithUpdates,
                    acc.MissedIntervals,
                    acc.TicketsMissing);
            })]);

        var loadRows = load.Queues.Where(q => q != LoadTracker.All).Select(load.Row)
            .OrderByDescending(r => r.Peak).ThenByDescending(r => r.Tickets).ThenBy(r => r.Queue, StringComparer.Ordinal).ToList();
        var loadSection = new LoadSection(load.Row(LoadTracker.All), loadRows);

        var ranked = (categoriesDiffer ? categories : issueTypes).Where(g => g.Value.Tickets.Value >= MinimumGroup).ToList();
        var review = new ReviewSection(
            repeatedMisses.Items(),
            repeatedMissTickets,
            earlyEscalations.Items(),
            earlyEscalationTickets,
            (long)options.FastResolution.TotalSeconds,
            lateEscalations.Items(),
            lateEscalationTickets,
            [.. ranked.Where(g => g.Value.EscalatedTickets.Value > 0)
                .Select(g => g.Value.Row(g.Key))
                .OrderByDescending(g => g.EscalationRate).ThenByDescending(g => g.Tickets).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Take(reviewSize)],
            MinimumGroup,
            ranked.Count,
            coverage.MostlyNotified(steps));

        var peaks = load.WeeklyPeaks(zone);
        var weekRows = weeks.OrderBy(w => w.Key).Select(w => new WeekRow(
            w.Key,
            w.Value.Created,
            w.Value.Response.Stats(),
            w.Value.EngineeringPolicy.Stats(),
            w.Value.EngineeringRecorded.Stats(),
            w.Value.EscalatedTickets,
            w.Value.Escalations,
            w.Value.Pages,
            w.Value.AfterHoursPages,
            w.Value.Breaches,
            w.Value.MissedUpdates,
            peaks.GetValueOrDefault(w.Key))).ToList();

        var report = new SimulationReport(
            new PolicySummary(policy.Name, policy.Version, policy.Fingerprint),
            input,
            new PeriodSummary(zone.Id, options.From, options.To, firstCreated, lastCreated, end),
            new TicketSummary(resolved + open, resolved, open, reopened, escalated, paged, breached),
            source.Caveats,
            response,
            new SlaSection(componentNames, unobserved, slaBySeverity, slaQueues),
            escalations,
            afterHours,
            updates,
            loadSection,
            review,
            weekRows,
            options.ByWeek);
        return options.Top is { } top ? TopRows.Cut(report, top) : report;
    }

    private static SeverityDurations Durations(string name, SeverityAcc acc) =>
        new(name, acc.Tickets, acc.Response.Stats(), acc.EngineeringRecorded.Stats(), acc.EngineeringPolicy.Stats());

    private static List<GroupRow> Rows(Dictionary<string, GroupAcc> groups) =>
        [.. groups.Select(g => g.Value.Row(g.Key)).OrderByDescending(g => g.Tickets).ThenBy(g => g.Key, StringComparer.Ordinal)];

    private static List<CountRow> CountRows(Dictionary<string, (long Total, long After)> counts) =>
        [.. counts.Select(c => new CountRow(c.Key, c.Value.Total, c.Value.After)).OrderByDescending(c => c.Total).ThenBy(c => c.Key, StringComparer.Ordinal)];
}
