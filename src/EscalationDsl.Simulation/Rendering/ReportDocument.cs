using System.Globalization;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Rendering;

/// <summary>
/// The report laid out as sections of paragraphs and tables, once, so the text, Markdown and HTML
/// renderers show the same figures in the same order and differ only in markup.
/// </summary>
internal static partial class ReportDocument
{
    /// <summary>
    /// Rows shown in tables that can be long (queues, categories) when <c>--top</c> is not given; JSON has
    /// them all. With <c>--top</c> the report data is cut already and every format shows the same rows.
    /// </summary>
    private const int Top = 15;

    public static List<DocSection> Build(SimulationReport r)
    {
        var sections = new List<DocSection>
        {
            Overview(r),
            Response(r),
            Sla(r),
            Escalations(r),
            AfterHours(r),
            CustomerUpdates(r),
            Load(r),
            Review(r),
        };
        if (r.WeeklyTable)
        {
            sections.Add(Weekly(r));
        }

        return sections;
    }

    /// <summary>"12m / 3h 05m" (median / p90) or a dash.</summary>
    public static string MedianP90(DurationStats s) => s.Count == 0 ? "–" : $"{Formats.Duration(s.Median)} / {Formats.Duration(s.P90)}";

    private static DocSection Overview(SimulationReport r)
    {
        var blocks = new List<DocBlock>
        {
            new DocText($"Policy {r.Policy.Name} version {r.Policy.Version} (fingerprint {r.Policy.Fingerprint}), replayed on {r.Input.File} ({r.Input.Format})."),
            new DocText($"{Formats.Count(r.Tickets.Replayed, "ticket")} created {Formats.Time(r.Period.FirstCreated)} to {Formats.Time(r.Period.LastCreated)}"
                + $"{Filter(r.Period)}; open tickets advanced to {Formats.Time(r.Period.End)}. "
                + $"{Formats.Count(r.Input.ReplayedEvents, "event")} replayed from {Formats.Count(r.Input.Rows, "row")}; {Formats.Count(r.Input.BadRows, "bad row")} skipped."),
            new DocText($"Times are UTC. Weeks start on Monday in {r.Period.TimeZone}; after-hours pages are judged by the calendar {r.AfterHours.Calendar ?? "(none)"}."),
            Table(
                ["tickets", "resolved", "open at end", "reopened", "escalated", "paged", "with a breach"],
                [true, true, true, true, true, true, true],
                [[Formats.Count(r.Tickets.Replayed), Formats.Count(r.Tickets.Resolved), Formats.Count(r.Tickets.OpenAtEnd), Formats.Count(r.Tickets.Reopened),
                    Formats.Count(r.Tickets.Escalated), Formats.Count(r.Tickets.Paged), Formats.Count(r.Tickets.Breached)]]),
        };
        if (r.Caveats.Count > 0)
        {
            blocks.Add(new DocHeading("What the input cannot tell"));
            blocks.Add(new DocList(r.Caveats));
        }

        if (r.Input.Misspelt is { } misspelt)
        {
            blocks.Add(new DocHeading("Values the policy will never match"));
            blocks.Add(new DocText($"{Formats.Count(misspelt.Events, "event")} set a text value one letter (or letter case) off a value the policy compares the field with "
                + $"({Formats.Count(misspelt.Values, "value")}{(misspelt.Values > misspelt.Top.Count ? $", the {misspelt.Top.Count} most frequent below" : "")}). "
                + "They were replayed as written, so the pause or rule they were meant for did not happen; correct the export or its mapping."));
            blocks.Add(Table(["field", "value", "did you mean", "events", "first row"], [false, false, false, true, true],
                misspelt.Top.Select(m => (IReadOnlyList<string>)[m.Field, m.Value, string.Join(" or ", m.DidYouMean), Formats.Count(m.Events), m.FirstRow.ToString(CultureInfo.InvariantCulture)])));
        }

        return new DocSection("overview", $"esc sim: {r.Policy.Name} on {FileName(r.Input.File)}", blocks);
    }

    private static string Filter(PeriodSummary p) => (p.From, p.To) switch
    {
        (null, null) => "",
        ({ } from, null) => $" (--from {Formats.Time(from)})",
        (null, { } to) => $" (--to {Formats.Time(to)})",
        ({ } from, { } to) => $" (--from {Formats.Time(from)} --to {Formats.Time(to)})",
    };

    /// <summary>
    /// The input as the title names it: its file name, but a pipe or standard input in full
    /// (<c>--tickets &lt;(zcat ...)</c> is <c>/dev/fd/63</c>, whose name alone, <c>63</c>, says nothing).
    /// </summary>
    private static string FileName(string path)
    {
        var shown = path.Replace('\\', '/');
        return shown.StartsWith("/dev/", StringComparison.Ordinal) || shown.StartsWith("/proc/", StringComparison.Ordinal) ? shown : shown.Split('/')[^1];
    }

    private static DocSection Response(SimulationReport r)
    {
        var rows = r.Response.BySeverity.Append(r.Response.All).Select(s => (IReadOnlyList<string>)
        [
            s.Severity, Formats.Count(s.Tickets),
            MedianP90(s.FirstResponse), Formats.Count(s.FirstResponse.Count),
            MedianP90(s.EngineeringRecorded), Formats.Count(s.EngineeringRecorded.Count),
            MedianP90(s.EngineeringWithPolicy), Formats.Count(s.EngineeringWithPolicy.Count),
        ]).ToList();
        return new DocSection("response", "Time to first response and to first engineering assignment", [
            new DocText("Median / 90th percentile from creation, by the severity tickets ended with; n counts tickets that got there. "
                + "\"With policy\" adds the policy's own assign and escalate actions to engineering owners."),
            Table(["severity", "tickets", "first response", "n", "engineering (recorded)", "n", "engineering (with policy)", "n"],
                [false, true, true, true, true, true, true, true], rows),
            new DocChart("weekly-response"),
            new DocChart("weekly-assignment"),
        ]);
    }

    /// <summary>An SLA cell: <c>78.1% (211/270)</c>; <c>3 pending</c> or a dash when none was met or breached yet.</summary>
    private static string Compliance(SlaCell cell) =>
        cell.Met + cell.Breached == 0 ? (cell.Pending > 0 ? $"{Formats.Count(cell.Pending)} pending" : "–")
        : $"{Formats.Percent(cell.Met, cell.Met + cell.Breached)} ({Formats.Count(cell.Met)}/{Formats.Count(cell.Met + cell.Breached)})";

    private static DocSection Sla(SimulationReport r)
    {
        var components = r.Sla.Components;
        string Header(string c) => r.Sla.Unobserved.Contains(c) ? c + " †" : c;
        string Cell(SlaRow row, string c) => row.Components.TryGetValue(c, out var cell) ? Compliance(cell) : "";
        IReadOnlyList<string> Cells(SlaRow row) => [row.Key, Formats.Count(row.Tickets), .. components.Select(c => Cell(row, c))];
        DocTable Grid(string key, IEnumerable<IReadOnlyList<string>> rows) => Table(
            [key, "tickets", .. components.Select(Header)],
            [false, true, .. components.Select(_ => true)],
            rows);
        var blocks = new List<DocBlock>
        {
            new DocText("Share of targets met among those decided (met / met + breached), by the severity tickets ended with: a target breached under "
                + "an earlier severity counts under the last one, if the last one sets that target too. A blank cell is a target the severity does not set. Resolving a ticket ends every running clock as met."),
            Grid("severity", r.Sla.BySeverity.Select(Cells)),
        };
        if (r.Sla.Unobserved.Count > 0)
        {
            blocks.Add(new DocText($"† The input cannot show {string.Join(" or ", r.Sla.Unobserved)} being met except by resolution (see the caveats above)."));
        }

        blocks.Add(new DocHeading($"By owner queue (the queue holding the ticket when the target was met or breached){TopNote(r, r.Sla.ByQueue.Count)}"));
        blocks.Add(Grid("queue", Rows(r, r.Sla.ByQueue, r.Sla.ByQueueLeftOut, Queues, Cells, Top)));
        return new DocSection("sla", "SLA compliance", blocks);
    }

    private static readonly (string One, string Many) Queues = ("queue", "queues");

    /// <summary>Says a table shows only the renderers' own first rows; under <c>--top</c> its last row says what was left out instead.</summary>
    private static string TopNote(SimulationReport r, int count) => r.Top is null && count > Top ? $"; the {Top} largest of {count}" : "";

    /// <summary>
    /// A table's rows. Without <c>--top</c>: the first <paramref name="limit"/> of them, as ever. With it:
    /// the rows the data kept, then one row for those left out, <c>… 212 more rules</c> and their totals
    /// (laid out by <paramref name="leftOutCells"/> when they read differently).
    /// </summary>
    private static IEnumerable<IReadOnlyList<string>> Rows<T>(
        SimulationReport r,
        IReadOnlyList<T> rows,
        LeftOut<T>? leftOut,
        (string One, string Many) noun,
        Func<T, IReadOnlyList<string>> cells,
        int limit = int.MaxValue,
        Func<T, IReadOnlyList<string>>? leftOutCells = null)
    {
        if (r.Top is null)
        {
            return rows.Take(limit).Select(cells);
        }

        var shown = rows.Select(cells);
        return leftOut is null ? shown : shown.Append([MoreLabel(leftOut.Rows, noun), .. (leftOutCells ?? cells)(leftOut.Totals).Skip(1)]);
    }

    /// <summary><c>… 1 more rule</c>, <c>… 212 more rules</c>.</summary>
    private static string MoreLabel(int rows, (string One, string Many) noun) => $"… {Formats.Count(rows)} more {(rows == 1 ? noun.One : noun.Many)}";

    private static DocSection AfterHours(SimulationReport r)
    {
        var a = r.AfterHours;
        var blocks = new List<DocBlock>
        {
            new DocText(a.Calendar is null
                ? "The policy has no default calendar, so no page counts as after hours."
                : $"{Formats.Count(a.AfterHours)} of {Formats.Count(a.Pages, "page")} ({Formats.Percent(a.AfterHours, a.Pages)}) went out outside the business hours of calendar {a.Calendar}."),
        };
        if (a.Pages > 0)
        {
            static IReadOnlyList<string> Cells(CountRow c) => [c.Key, Formats.Count(c.Total), Formats.Count(c.Matching)];
            blocks.Add(Table(["rule", "pages", "after hours"], [false, true, true], Rows(r, a.ByRule, a.ByRuleLeftOut, Rules, Cells)));
            blocks.Add(Table(["owner paged", "pages", "after hours"], [false, true, true], Rows(r, a.ByOwner, a.ByOwnerLeftOut, Owners, Cells)));
        }

        return new DocSection("after-hours", "After-hours pages", blocks);
    }

    private static DocSection CustomerUpdates(SimulationReport r)
    {
        var u = r.CustomerUpdates;
        var blocks = new List<DocBlock>();
        if (!u.Observed)
        {
            blocks.Add(new DocText("The input holds no customer updates, so the update cadence never starts and first_update is met only by resolution."));
        }

        blocks.Add(Table(["severity", "tickets", "cadence", "first update", "tickets with updates", "missed intervals", "tickets missing one"],
            [false, true, false, true, true, true, true],
            u.BySeverity.Select(s => (IReadOnlyList<string>)[s.Severity, Formats.Count(s.Tickets), s.Cadence ?? "–",
                s.FirstUpdate is { } f ? Compliance(f) : "–",
                Formats.Count(s.TicketsWithUpdates), Formats.Count(s.MissedIntervals), Formats.Count(s.TicketsMissing)])));
        return new DocSection("customer-updates", "Customer updates", blocks);
    }

    private static DocSection Load(SimulationReport r)
    {
        var l = r.Load;
        return new DocSection("load", "Open-ticket load", [
            new DocText($"Tickets open (created or reopened, not yet resolved), counted at every whole hour. All queues: peak {Formats.Count(l.All.Peak)} at {Formats.Time(l.All.PeakAt)}, "
                + $"{l.All.Average.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} on average."),
            Table(["queue", "tickets", "peak", "peak at", "average"], [false, true, true, false, true],
                Rows(r, l.ByQueue, l.ByQueueLeftOut, Queues,
                    q => [q.Queue, Formats.Count(q.Tickets), Formats.Count(q.Peak), Formats.Time(q.PeakAt), q.Average.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)],
                    Top,
                    // Peaks of different queues do not add up: the row says how high the largest queue left out went.
                    q => [q.Queue, Formats.Count(q.Tickets), "≤ " + Formats.Count(q.Peak), "", ""])),
            new DocText(r.Top is null && l.ByQueue.Count > Top ? $"The {Top} queues with the highest peaks of {l.ByQueue.Count}." : ""),
            new DocChart("weekly-load"),
        ]);
    }

    private static DocSection Review(SimulationReport r)
    {
        var v = r.Review;

        // The review groups by the source's own categories when the input has them (the policy's
        // issue types are often one catch-all there): say which.
        var (kind, kinds) = r.Escalations.ByCategory.Count > 0 ? ("category", "categories") : ("issue type", "issue types");
        DocTable Items(IEnumerable<ReviewItem> items) => Table(["ticket", "severity", kind, "queue", "at", "why"], [false, false, false, false, false, false],
            items.Select(i => (IReadOnlyList<string>)[i.Ticket, i.Severity, i.IssueType, i.Queue, Formats.Time(i.At), i.Detail]));
        var blocks = new List<DocBlock>
        {
            new DocHeading($"Steps whose pages went out mostly as notifications: {Formats.Count(v.PagesAsNotifications.Count)}"),
        };
        if (v.PagesAsNotifications.Count > 0)
        {
            blocks.Add(new DocList([.. v.PagesAsNotifications.Select(NotifiedPages)]));
        }

        blocks.Add(new DocHeading($"Tickets that missed the same SLA component more than once: {Formats.Count(v.RepeatedMissTickets)}"));
        if (v.RepeatedMisses.Count > 0)
        {
            blocks.Add(Items(v.RepeatedMisses));
        }

        blocks.Add(new DocHeading($"Escalated, then resolved within {Formats.Duration(v.FastResolutionSeconds)} (too early?): {Formats.Count(v.EarlyEscalationTickets)}"));
        if (v.EarlyEscalations.Count > 0)
        {
            blocks.Add(Items(v.EarlyEscalations));
        }

        blocks.Add(new DocHeading($"Escalated, then still breached an SLA target (too late?): {Formats.Count(v.LateEscalationTickets)}"));
        if (v.LateEscalations.Count > 0)
        {
            blocks.Add(Items(v.LateEscalations));
        }

        blocks.Add(new DocHeading($"{char.ToUpperInvariant(kinds[0])}{kinds[1..]} that escalate most (at least {Formats.Count(v.MinimumTickets, "ticket")})"));
        blocks.Add(v.TopEscalatingIssueTypes.Count > 0
            ? Table([kind, "tickets", "escalated", "rate"], [false, true, true, true],
                v.TopEscalatingIssueTypes.Select(g => (IReadOnlyList<string>)[g.Key, Formats.Count(g.Tickets), Formats.Count(g.EscalatedTickets), Formats.Percent(g.EscalatedTickets, g.Tickets)]))
            : new DocText(NoTopEscalatingIssueTypes(v, kind, kinds)));
        return new DocSection("review", "Review list", blocks);
    }

    /// <summary><c>sev2_degraded #1 (after 45m unless acknowledged): 304 of 304 pages went out as notifications: page only when impact_confirmed did not hold (304).</c></summary>
    private static string NotifiedPages(NotifiedPagesItem i) =>
        $"{i.Step} ({i.Trigger}): {Formats.Count(i.PagesAsNotifications.Total)} of {Formats.Count(i.Pages + i.PagesAsNotifications.Total, "page")} went out as {(i.PagesAsNotifications.Total == 1 ? "a notification" : "notifications")}: {i.Why}.";

    /// <summary>Why the ranking is empty: too few tickets per issue type to rank (the usual reason on a small input), or no escalation among those ranked.</summary>
    private static string NoTopEscalatingIssueTypes(ReviewSection v, string kind, string kinds) => v.RankedIssueTypes switch
    {
        0 => $"No {kind} has {Formats.Count(v.MinimumTickets, "ticket")} or more, too few to rank.",
        1 => $"The only {kind} with {Formats.Count(v.MinimumTickets, "ticket")} or more had no escalation.",
        var n => $"None of the {Formats.Count(n)} {kinds} with {Formats.Count(v.MinimumTickets, "ticket")} or more had an escalation.",
    };

    private static DocSection Weekly(SimulationReport r) => new("weeks", "By week", [
        new DocText("Tickets grouped by the week they were created; peak open counts every ticket open in the week."),
        Table(["week", "created", "first response", "engineering (with policy)", "escalated", "escalations", "pages", "after hours", "breaches", "missed updates", "peak open"],
            [false, true, true, true, true, true, true, true, true, true, true],
            r.Weeks.Select(w => (IReadOnlyList<string>)[Formats.Date(w.Week), Formats.Count(w.Created), MedianP90(w.FirstResponse), MedianP90(w.EngineeringWithPolicy),
                Formats.Count(w.EscalatedTickets), Formats.Count(w.Escalations), Formats.Count(w.Pages), Formats.Count(w.AfterHoursPages), Formats.Count(w.Breaches),
                Formats.Count(w.MissedUpdates), Formats.Count(w.PeakOpen)])),
    ]);

    private static DocTable Table(IReadOnlyList<string> headers, IReadOnlyList<bool> numeric, IEnumerable<IReadOnlyList<string>> rows) => new(headers, [.. rows], numeric);
}
