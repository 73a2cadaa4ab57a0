using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>The escalations section: decisions by rule, step, de-escalation, issue type, category, owner and queue, and what never applied.</summary>
internal static partial class ReportDocument
{
    private static DocSection Escalations(SimulationReport r)
    {
        var e = r.Escalations;
        static IReadOnlyList<string> GroupCells(GroupRow g) => [g.Key, Formats.Count(g.Tickets), Formats.Count(g.EscalatedTickets), Formats.Percent(g.EscalatedTickets, g.Tickets),
            Formats.Count(g.Escalations), Formats.Count(g.Pages), Formats.Count(g.Notifications)];
        DocTable Groups(string key, IReadOnlyList<GroupRow> rows, LeftOut<GroupRow>? leftOut, (string One, string Many) noun) => Table(
            [key, "tickets", "escalated", "rate", "escalations", "pages", "notifications"],
            [false, true, true, true, true, true, true],
            Rows(r, rows, leftOut, noun, GroupCells, Top));
        var blocks = new List<DocBlock>
        {
            new DocText("Decisions: " + string.Join(", ", e.DecisionsByKind.Where(k => k.Value > 0).Select(k => $"{k.Key}{DocText.NoBreak}{Formats.Count(k.Value)}")) + "."),
            new DocHeading("By rule"),
            new DocText(NotifiedPagesNote),
            Table(["rule", "tickets", "escalations", "pages", "notifications", "page guard", "paging stopped", "other"], [false, true, true, true, true, true, true, true],
                Rows(r, e.ByRule, e.ByRuleLeftOut, Rules, x => [x.Rule, Formats.Count(x.Tickets), Formats.Count(x.Escalations), Formats.Count(x.Pages), Formats.Count(x.Notifications),
                    Formats.Count(x.PagesAsNotifications.PageGuard), Formats.Count(x.PagesAsNotifications.PagingStopped), Formats.Count(x.Other)])),
            new DocHeading("By step"),
            new DocText("Each step of every rule, numbered from 0 as esc explain and esc matrix number them: the tickets it fired for and how often. "
                + "Blocked: tickets on which its escalation waited for required fields (missing_information). A step skipped when due (its unless held) "
                + "or cancelled (its rule stopped) is not counted: the runtime tells those only in a ticket's trace (esc explain). "
                + "Pages: pages it sent; page guard and paging stopped: its pages that went out as notifications instead, as in By rule."),
            Table(["step", "trigger", "tickets", "fired", "blocked", "pages", "page guard", "paging stopped"], [false, false, true, true, true, true, true, true],
                e.ByStep.Select(s => (IReadOnlyList<string>)[s.Step, s.Trigger, Formats.Count(s.Tickets), Formats.Count(s.Fired), Formats.Count(s.Blocked),
                    Formats.Count(s.Pages), Formats.Count(s.PagesAsNotifications.PageGuard), Formats.Count(s.PagesAsNotifications.PagingStopped)])),
            new DocHeading("De-escalations"),
            e.Deescalations.Count == 0
                ? new DocText("The policy has no deescalate block.")
                : Table(["deescalate when", "tickets", "fired"], [false, true, true],
                    e.Deescalations.Select(d => (IReadOnlyList<string>)[d.Condition, Formats.Count(d.Tickets), Formats.Count(d.Fired)])),
            new DocHeading("Never applied on these tickets"),
            new DocText(NeverApplied(e.NeverApplied)),
            new DocHeading("By issue type"),
            Groups("issue type", e.ByIssueType, e.ByIssueTypeLeftOut, ("issue type", "issue types")),
        };
        if (e.ByCategory.Count > 0)
        {
            blocks.Add(new DocHeading($"By source category{TopNote(r, e.ByCategory.Count)}"));
            blocks.Add(Groups("category", e.ByCategory, e.ByCategoryLeftOut, ("category", "categories")));
        }

        blocks.Add(new DocChart("escalation-rate"));
        blocks.Add(new DocHeading("By owner the decisions went to"));
        blocks.Add(Table(["owner", "escalations", "pages", "notifications", "assignments", "reminders"], [false, true, true, true, true, true],
            Rows(r, e.ByOwner, e.ByOwnerLeftOut, Owners,
                o => [o.Owner, Formats.Count(o.Escalations), Formats.Count(o.Pages), Formats.Count(o.Notifications), Formats.Count(o.Assignments), Formats.Count(o.Reminders)])));
        blocks.Add(new DocHeading($"By owner queue (the queue holding the ticket at the decision){TopNote(r, e.ByQueue.Count)}"));
        blocks.Add(Groups("queue", e.ByQueue, e.ByQueueLeftOut, Queues));
        return new DocSection("escalations", "Escalations, pages and notifications", blocks);
    }

    private static readonly (string One, string Many) Rules = ("rule", "rules");

    private const string NotifiedPagesNote = "Notifications include pages that went out as notifications, counted again under page guard "
        + "(a page only when did not hold: esc matrix lists the guards) and paging stopped (stop paging had run on the ticket).";

    /// <summary>
    /// The note on the parts of the policy that did nothing: <c>rule security; step sev1_production #4; deescalate
    /// when ...; route issue_type storage.</c> A name and its number stay on one line.
    /// </summary>
    private static string NeverApplied(NeverApplied never)
    {
        if (never.IsEmpty)
        {
            return "Nothing: every rule, step, deescalation and route value applied on at least one ticket.";
        }

        static string Kept(string text) => text.Replace(' ', DocText.NoBreak);
        IEnumerable<string> parts = [
            .. never.Rules.Select(x => Kept("rule " + x)),
            .. never.Steps.Select(x => Kept("step " + x)),
            .. never.Deescalations.Select(x => "deescalate when " + x),
            .. never.RouteValues.Select(x => Kept("route " + x)),
        ];
        return string.Join("; ", parts) + ".";
    }

    private static readonly (string One, string Many) Owners = ("owner", "owners");
}
