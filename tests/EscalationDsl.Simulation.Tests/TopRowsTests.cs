using System.Text;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary><c>--top N</c>: the long tables keep their N largest rows in the data, and every format shows the same cut.</summary>
public sealed class TopRowsTests
{
    private static readonly string Subset = Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv");

    [Fact]
    public void TopKeepsTheLargestRowsOfEachLongTableAndAddsUpTheRest()
    {
        var full = SubsetReport(top: null);
        var cut = SubsetReport(top: 3);

        cut.Top.ShouldBe(3);
        ShouldKeepFirst(full.Sla.ByQueue, cut.Sla.ByQueue, cut.Sla.ByQueueLeftOut, r => r.Key, r => r.Tickets);
        ShouldKeepFirst(full.Escalations.ByCategory, cut.Escalations.ByCategory, cut.Escalations.ByCategoryLeftOut, g => g.Key, g => g.Tickets);
        ShouldKeepFirst(full.Escalations.ByQueue, cut.Escalations.ByQueue, cut.Escalations.ByQueueLeftOut, g => g.Key, g => g.Escalations);
        ShouldKeepFirst(full.Load.ByQueue, cut.Load.ByQueue, cut.Load.ByQueueLeftOut, q => q.Queue, q => q.Tickets);

        // Rules are listed in policy order; the top list ranks them by tickets instead.
        full.Escalations.ByRule.Select(r => r.Rule).ShouldBe(["sev1_production", "sev2_degraded", "sev3_workaround", "security"]);
        cut.Escalations.ByRule.Select(r => r.Rule).ShouldBe(["sev2_degraded", "sev1_production", "sev3_workaround"]);
        cut.Escalations.ByRuleLeftOut.ShouldBe(new LeftOut<RuleRow>(1, new RuleRow("(left out)", 0, 0, 0, 0, 0)));

        // Two issue types, three owners and no after-hours page: nothing to leave out, so nothing is said.
        cut.Escalations.ByIssueTypeLeftOut.ShouldBeNull();
        cut.Escalations.ByOwner.Count.ShouldBe(3);
        cut.Escalations.ByOwnerLeftOut.ShouldBeNull();
        cut.AfterHours.ByRuleLeftOut.ShouldBeNull();

        var queues = full.Escalations.ByQueue.Skip(3).ToList();
        var leftOut = cut.Escalations.ByQueueLeftOut!.Totals;
        leftOut.EscalatedTickets.ShouldBe(queues.Sum(g => g.EscalatedTickets));
        leftOut.Notifications.ShouldBe(queues.Sum(g => g.Notifications));
        leftOut.EscalationRate.ShouldBe(Math.Round((double)leftOut.EscalatedTickets / leftOut.Tickets, 4));
        var sla = cut.Sla.ByQueueLeftOut!.Totals.Components["resolve"];
        sla.Met.ShouldBe(full.Sla.ByQueue.Skip(3).Sum(r => r.Components.GetValueOrDefault("resolve")?.Met ?? 0));
        sla.Breached.ShouldBe(full.Sla.ByQueue.Skip(3).Sum(r => r.Components.GetValueOrDefault("resolve")?.Breached ?? 0));
        cut.Load.ByQueueLeftOut!.Totals.Peak.ShouldBe(full.Load.ByQueue[3].Peak);
    }

    [Fact]
    public void ReviewListsKeepAtMostTopEntries()
    {
        var full = SubsetReport(top: null);
        var two = SubsetReport(top: 2);
        var forty = SubsetReport(top: 40);

        full.Review.LateEscalations.Count.ShouldBe(15);
        two.Review.LateEscalations.ShouldBe(full.Review.LateEscalations.Take(2));
        two.Review.LateEscalationTickets.ShouldBe(full.Review.LateEscalationTickets);
        two.Review.RepeatedMisses.ShouldBe(full.Review.RepeatedMisses.Take(2));
        two.Review.TopEscalatingIssueTypes.ShouldBe(full.Review.TopEscalatingIssueTypes.Take(2));
        forty.Review.LateEscalations.ShouldBe(full.Review.LateEscalations);
    }

    [Fact]
    public void EveryFormatShowsTheTopRowsAndOneRowForTheRest()
    {
        // 4 + 3 + 2 + 1 + 1 tickets of five issue types; --top 2 keeps two and leaves out three with 4 tickets.
        var report = QuicklyResolved(("network_outage", 4), ("database", 3), ("performance", 2), ("auth_failure", 1), ("other", 1));

        report.Escalations.ByIssueType.Select(g => g.Key).ShouldBe(["network_outage", "database"]);
        report.Escalations.ByIssueTypeLeftOut.ShouldBe(new LeftOut<GroupRow>(3, new GroupRow("(left out)", 4, 0, 0, 0, 0, 0)));

        TextReport.Render(report).ShouldContain("""
            By issue type
              issue type            tickets  escalated  rate  escalations  pages  notifications
              --------------------  -------  ---------  ----  -----------  -----  -------------
              network_outage              4          0  0.0%            0      0              0
              database                    3          0  0.0%            0      0              0
              … 3 more issue types        4          0  0.0%            0      0              0

            """.Replace("\r", "", StringComparison.Ordinal));
        MarkdownReport.Render(report).ShouldContain("""
            | network_outage | 4 | 0 | 0.0% | 0 | 0 | 0 |
            | database | 3 | 0 | 0.0% | 0 | 0 | 0 |
            | … 3 more issue types | 4 | 0 | 0.0% | 0 | 0 | 0 |

            """.Replace("\r", "", StringComparison.Ordinal));
        HtmlReport.Render(report).ShouldContain(
            "<tr><td>database</td><td class=\"n\">3</td><td class=\"n\">0</td><td class=\"n\">0.0%</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>\n"
            + "<tr><td>… 3 more issue types</td><td class=\"n\">4</td><td class=\"n\">0</td><td class=\"n\">0.0%</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>\n</tbody>");
        var json = JsonReport.Render(report);
        json.ShouldContain("\"top\": 2");
        json.ShouldContain("""
                "byIssueTypeLeftOut": {
                  "rows": 3,
                  "totals": {
                    "key": "(left out)",
                    "tickets": 4,
            """.Replace("\r", "", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutTopNothingIsCutAndNothingIsSaid()
    {
        var report = QuicklyResolved([("network_outage", 4), ("database", 3), ("performance", 2), ("auth_failure", 1), ("other", 1)], top: null);

        report.Top.ShouldBeNull();
        report.Escalations.ByIssueType.Count.ShouldBe(5);
        report.Escalations.ByIssueTypeLeftOut.ShouldBeNull();
        var json = JsonReport.Render(report);
        json.ShouldNotContain("LeftOut");
        json.ShouldNotContain("\"top\"");
        TextReport.Render(report).ShouldNotContain("more issue types");
    }

    private static void ShouldKeepFirst<T>(IReadOnlyList<T> full, IReadOnlyList<T> cut, LeftOut<T>? leftOut, Func<T, string> key, Func<T, long> count)
    {
        full.Count.ShouldBeGreaterThan(3);
        cut.Select(key).ShouldBe(full.Take(3).Select(key));
        leftOut.ShouldNotBeNull();
        leftOut.Rows.ShouldBe(full.Count - 3);
        count(leftOut.Totals).ShouldBe(full.Skip(3).Sum(count));
    }

    [Fact]
    public void EachWeeklyPointOfTheHtmlChartsNamesTheTicketsBehindItsOwnFigure()
    {
        // The recorded medians named the with-policy count: "2016-11-28: median, recorded 9m (2 tickets)" for one ticket.
        using var source = new ServiceNowEventSource(Subset, "incident_event_log_first1000incidents.csv", MappingFile.DefaultServiceNow(Policies.Support));
        var report = Replays.Run(Policies.Support, source, options: new SimulationOptions { ByWeek = true }).Result!.Report;
        var html = HtmlReport.Render(report);

        var checkedPoints = 0;
        foreach (var w in report.Weeks)
        {
            var week = Formats.Date(w.Week);
            foreach (var (name, stats) in new[] { ("median, recorded", w.EngineeringRecorded), ("median, with policy", w.EngineeringWithPolicy), ("median", w.FirstResponse) })
            {
                if (stats.Median is { } median)
                {
                    html.ShouldContain($"<title>{week}: {name} {Formats.Duration(median)} ({Formats.Count(stats.Count, "ticket")})</title>");
                    checkedPoints++;
                }
            }
        }

        report.Weeks.ShouldContain(w => w.EngineeringRecorded.Count != w.EngineeringWithPolicy.Count && w.EngineeringRecorded.Median != null, "a week where the two counts differ");
        checkedPoints.ShouldBeGreaterThanOrEqualTo(3);
    }

    private static SimulationReport SubsetReport(int? top)
    {
        using var source = new ServiceNowEventSource(Subset, "incident_event_log_first1000incidents.csv", MappingFile.DefaultServiceNow(Policies.Support));
        var replay = Replays.Run(Policies.Support, source, options: new SimulationOptions { Top = top });
        return replay.Result!.Report;
    }

    /// <summary>sev3 tickets of the support policy resolved five minutes after creation, so many of each issue type.</summary>
    private static SimulationReport QuicklyResolved(params (string IssueType, int Tickets)[] types) => QuicklyResolved(types, top: 2);

    private static SimulationReport QuicklyResolved((string IssueType, int Tickets)[] types, int? top)
    {
        var events = new StringBuilder();
        var i = 0;
        foreach (var (type, tickets) in types)
        {
            for (var n = 0; n < tickets; n++, i++)
            {
                events.Append($$"""{"ticket":"T{{i}}","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","issue_type":"{{type}}"}""").Append('\n');
                events.Append($$"""{"ticket":"T{{i}}","at":"2026-11-02T14:05:00Z","type":"resolved"}""").Append('\n');
            }
        }

        var replay = Replays.Canonical(".jsonl", events.ToString(), options: new SimulationOptions { Top = top });
        replay.Problems.ShouldBeEmpty();
        return replay.Result!.Report;
    }
}
