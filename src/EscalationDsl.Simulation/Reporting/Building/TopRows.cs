namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Cuts the report's long tables (per rule, issue type, category, owner and queue) to their N largest
/// rows for <c>--top N</c>, once, in the data, so every format shows the same rows and JSON says what
/// was left out. Severity and weekly tables have a handful of rows and are not cut.
/// </summary>
internal static class TopRows
{
    /// <summary>The key of a <see cref="LeftOut{TRow}"/> totals row.</summary>
    public const string LeftOutKey = "(left out)";

    public static SimulationReport Cut(SimulationReport report, int top)
    {
        var sla = report.Sla;
        var (slaQueues, slaQueuesLeftOut) = Cut(sla.ByQueue, top, rows => FoldSla(rows, sla.Components));

        var e = report.Escalations;
        // Rules and owners are listed in policy order; a top list ranks them by size instead
        // (the sort is stable, so ties keep policy order).
        var (rules, rulesLeftOut) = Cut([.. e.ByRule.OrderByDescending(r => r.Tickets).ThenByDescending(r => r.Escalations)], top, FoldRules);
        var (issueTypes, issueTypesLeftOut) = Cut(e.ByIssueType, top, FoldGroups);
        var (categories, categoriesLeftOut) = Cut(e.ByCategory, top, FoldGroups);
        var (owners, ownersLeftOut) = Cut([.. e.ByOwner.OrderByDescending(Decisions)], top, FoldOwners);
        var (queues, queuesLeftOut) = Cut(e.ByQueue, top, FoldGroups);

        var a = report.AfterHours;
        var (pageRules, pageRulesLeftOut) = Cut(a.ByRule, top, FoldCounts);
        var (pageOwners, pageOwnersLeftOut) = Cut(a.ByOwner, top, FoldCounts);

        var (loadQueues, loadQueuesLeftOut) = Cut(report.Load.ByQueue, top, FoldLoad);

        return report with
        {
            Sla = sla with { ByQueue = slaQueues, ByQueueLeftOut = slaQueuesLeftOut },
            Escalations = e with
            {
                ByRule = rules,
                ByRuleLeftOut = rulesLeftOut,
                ByIssueType = issueTypes,
                ByIssueTypeLeftOut = issueTypesLeftOut,
                ByCategory = categories,
                ByCategoryLeftOut = categoriesLeftOut,
                ByOwner = owners,
                ByOwnerLeftOut = ownersLeftOut,
                ByQueue = queues,
                ByQueueLeftOut = queuesLeftOut,
            },
            AfterHours = a with { ByRule = pageRules, ByRuleLeftOut = pageRulesLeftOut, ByOwner = pageOwners, ByOwnerLeftOut = pageOwnersLeftOut },
            Load = report.Load with { ByQueue = loadQueues, ByQueueLeftOut = loadQueuesLeftOut },
            Top = top,
        };
    }

    /// <summary>All the decisions that went to an owner, the measure owners are ranked by.</summary>
    private static long Decisions(OwnerRow o) => o.Escalations + o.Pages + o.Notifications + o.Assignments + o.Reminders;

    private static (IReadOnlyList<T> Shown, LeftOut<T>? LeftOut) Cut<T>(IReadOnlyList<T> rows, int top, Func<IReadOnlyList<T>, T> fold) =>
        rows.Count <= top ? (rows, null) : ([.. rows.Take(top)], new LeftOut<T>(rows.Count - top, fold([.. rows.Skip(top)])));

    private static RuleRow FoldRules(IReadOnlyList<RuleRow> rows) =>
        new(LeftOutKey, rows.Sum(r => r.Tickets), rows.Sum(r => r.Escalations), rows.Sum(r => r.Pages), rows.Sum(r => r.Notifications), rows.Sum(r => r.Other),
            rows.Aggregate(default(PagesAsNotifications), (sum, r) => sum + r.PagesAsNotifications));

    private static GroupRow FoldGroups(IReadOnlyList<GroupRow> rows) => GroupAcc.Row(
        LeftOutKey,
        rows.Sum(g => g.Tickets),
        rows.Sum(g => g.EscalatedTickets),
        rows.Sum(g => g.Escalations),
        rows.Sum(g => g.Pages),
        rows.Sum(g => g.Notifications));

    private static OwnerRow FoldOwners(IReadOnlyList<OwnerRow> rows) =>
        new(LeftOutKey, rows.Sum(o => o.Escalations), rows.Sum(o => o.Pages), rows.Sum(o => o.Notifications), rows.Sum(o => o.Assignments), rows.Sum(o => o.Reminders));

    private static CountRow FoldCounts(IReadOnlyList<CountRow> rows) => new(LeftOutKey, rows.Sum(c => c.Total), rows.Sum(c => c.Matching));

    /// <summary>Adds up each component any of the rows has, in the report's order of components.</summary>
    private static SlaRow FoldSla(IReadOnlyList<SlaRow> rows, IReadOnlyList<string> components) => new(
        LeftOutKey,
        rows.Sum(r => r.Tickets),
        components
            .Select(c => (Component: c, Cells: rows.Select(r => r.Components.GetValueOrDefault(c)).OfType<SlaCell>().ToList()))
            .Where(x => x.Cells.Count > 0)
            .ToDictionary(
                x => x.Component,
                x => new SlaAcc { Met = x.Cells.Sum(c => c.Met), Breached = x.Cells.Sum(c => c.Breached), Pending = x.Cells.Sum(c => c.Pending) }.Cell(),
                StringComparer.Ordinal));

    /// <summary>Peaks of different queues do not add up: the row keeps the largest queue's peak (the rows come highest peak first).</summary>
    private static LoadRow FoldLoad(IReadOnlyList<LoadRow> rows) => rows[0] with { Queue = LeftOutKey, Tickets = rows.Sum(q => q.Tickets) };
}
