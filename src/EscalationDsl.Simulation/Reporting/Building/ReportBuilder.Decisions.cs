using System.Runtime.InteropServices;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Simulation.Replay;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Folding a ticket's decisions, open periods and review findings.</summary>
internal sealed partial class ReportBuilder
{
    private void AddDecisions(in TicketOutcome t, SeverityAcc severity, WeekAcc week)
    {
        var wasEscalated = false;
        var wasPaged = false;
        var anyBreach = false;
        var missed = 0L;
        long escalations = 0, pagesSent = 0, notifications = 0;

        // A ticket's decisions mostly share a queue and come from few rules: the last of each found needs no lookup.
        string? queueName = null, ruleName = null;
        GroupAcc? queue = null;
        RuleAcc? rule = null;
        foreach (var d in t.Decisions)
        {
            decisionsByKind[(int)d.Kind]++;
            var queueNow = t.QueueAt(d.At);
            if (!ReferenceEquals(queueNow, queueName))
            {
                queue = Group(queues, queueNow);
                queueName = queueNow;
            }

            if (d.Rule is { } ruleNow)
            {
                if (!ReferenceEquals(ruleNow, ruleName))
                {
                    ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(rules, ruleNow, out _);
                    rule = acc ??= new RuleAcc { FirstStep = coverage.FirstStep(ruleNow) };
                    ruleName = ruleNow;
                }

                rule!.Tickets.Add(ticket);
                switch (d.Kind)
                {
                    case DecisionKind.Escalate: rule.Escalations++; break;
                    case DecisionKind.Page:
                        rule.Pages++;
                        coverage.Paged(rule.FirstStep + d.Step);
                        break;
                    case DecisionKind.Notify:
                        rule.Notifications++;
                        if (d.Downgrade != PageDowngrade.None)
                        {
                            // The runtime says why on the decision: no text to read.
                            rule.PagesAsNotifications += d.Downgrade == PageDowngrade.PagingStopped ? new(0, 1) : new(1, 0);
                            coverage.Downgraded(rule.FirstStep + d.Step, d.Downgrade, d.PageGuard);
                        }

                        break;
                    case DecisionKind.MissingInformation:
                        rule.Other++;
                        coverage.Blocked(rule.FirstStep + d.Step, ticket);
                        break;
                    default: rule.Other++; break;
                }
            }

            var owner = d.Owner is null ? null : owners.TryGetValue(d.Owner, out var o) ? o : owners[d.Owner] = new OwnerAcc();
            switch (d.Kind)
            {
                case DecisionKind.Escalate:
                    wasEscalated = true;
                    escalations++;
                    week.Escalations++;
                    queue!.Escalations++;
                    queue.EscalatedTickets.Add(ticket);
                    if (owner is not null)
                    {
                        owner.Escalations++;
                    }

                    break;
                case DecisionKind.Page:
                    wasPaged = true;
                    pagesSent++;
                    pages++;
                    week.Pages++;
                    queue!.Pages++;
                    if (owner is not null)
                    {
                        owner.Pages++;
                    }

                    var after = calendar is not null && !calendar.IsOpen(d.At.ToUnixTimeMilliseconds());
                    if (after)
                    {
                        afterHoursPages++;
                        week.AfterHoursPages++;
                    }

                    Count(afterHoursByRule, d.Rule ?? "(deescalation)", after);
                    Count(afterHoursByOwner, d.Owner ?? "(none)", after);
                    break;
                case DecisionKind.Notify:
                    notifications++;
                    queue!.Notifications++;
                    if (owner is not null)
                    {
                        owner.Notifications++;
                    }

                    break;
                case DecisionKind.Assign:
                    if (owner is not null)
                    {
                        owner.Assignments++;
                    }

                    break;
                case DecisionKind.Remind:
                    if (owner is not null)
                    {
                        owner.Reminders++;
                    }

                    break;
                case DecisionKind.SlaBreach:
                    anyBreach = true;
                    week.Breaches++;
                    break;
                case DecisionKind.MissedUpdate:
                    anyBreach = true;
                    week.MissedUpdates++;
                    missed++;
                    break;
            }
        }

        if (wasEscalated)
        {
            escalated++;
            week.EscalatedTickets++;
        }

        if (wasPaged)
        {
            paged++;
        }

        if (anyBreach)
        {
            breached++;
        }

        if (t.FirstUpdate is not null)
        {
            severity.TicketsWithUpdates++;
        }

        severity.MissedIntervals += missed;
        if (missed > 0)
        {
            severity.TicketsMissing++;
        }

        AddGroup(issueTypes, t.IssueType);
        AddGroup(categories, t.Category);

        void AddGroup(Dictionary<string, GroupAcc> map, string key)
        {
            var group = Group(map, key);
            group.Tickets.Add(ticket);
            if (wasEscalated)
            {
                group.EscalatedTickets.Add(ticket);
            }

            group.Escalations += escalations;
            group.Pages += pagesSent;
            group.Notifications += notifications;
        }
    }

    private static GroupAcc Group(Dictionary<string, GroupAcc> groups, string key)
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
        return group ??= new GroupAcc();
    }

    private static void Count(Dictionary<string, (long Total, long After)> counts, string key, bool after)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
        count = (count.Total + 1, count.After + (after ? 1 : 0));
    }

    private void AddLoad(in TicketOutcome t)
    {
        foreach (var (from, to) in t.Open)
        {
            load.Add(LoadTracker.All, from, to, ticket);

            // Split the open period where the queue changes.
            var start = from;
            var queue = t.QueueAt(from);
            foreach (var (at, next) in t.Queues)
            {
                if (at <= from)
                {
                    continue;
                }

                if (at >= to)
                {
                    break;
                }

                load.Add(queue, start, at, ticket);
                start = at;
                queue = next;
            }

            load.Add(queue, start, to, ticket);
        }

        foreach (var (_, queue) in t.Queues)
        {
            // A queue counts the ticket once, whether or not it was open there long enough to be sampled.
            Group(queues, queue).Tickets.Add(ticket);
        }
    }

    private void AddReview(in TicketOutcome t)
    {
        var label = t.Category;
        Span<int> misses = stackalloc int[SlaAcc.ComponentCount];
        Decision? escalation = null;
        foreach (var d in t.Decisions)
        {
            if (d.Kind is DecisionKind.SlaBreach or DecisionKind.MissedUpdate && d.Component is { } component)
            {
                misses[(int)component]++;
            }

            if (escalation is null && d.Kind == DecisionKind.Escalate)
            {
                escalation = d;
            }
        }

        // The component missed most often (ties: the first in declaration order), if more than once.
        (SlaComponent Component, int Count) worst = default;
        for (var i = 0; i < misses.Length; i++)
        {
            // In declaration order, so the first of equal counts stays.
            if (misses[i] > worst.Count)
            {
                worst = ((SlaComponent)i, misses[i]);
            }
        }

        if (worst.Count > 1)
        {
            repeatedMissTickets++;
            if (repeatedMisses.Admits(worst.Count, t.Id))
            {
                var at = LastMiss(t, worst.Component).At;
                var what = worst.Component == SlaComponent.Update ? "customer update intervals" : $"{ModelFormatter.Format(worst.Component)} SLA";
                repeatedMisses.Add(new ReviewItem(t.Id, t.Severity, label, t.QueueAt(at), at, $"missed the {what} {worst.Count} times", worst.Count));
            }
        }

        if (escalation is null)
        {
            return;
        }

        Instant? resolution = null;
        foreach (var r in t.Resolutions)
        {
            if (r >= escalation.At)
            {
                resolution = r;
                break;
            }
        }

        if (resolution is { } resolvedAt && resolvedAt - escalation.At <= options.FastResolution)
        {
            earlyEscalationTickets++;
            var gap = (long)(resolvedAt - escalation.At).TotalSeconds;
            if (earlyEscalations.Admits(gap, t.Id))
            {
                earlyEscalations.Add(new ReviewItem(t.Id, t.Severity, label, t.QueueAt(escalation.At), escalation.At,
                    $"escalated to {escalation.Owner} by {escalation.Rule}, resolved {Formats.Duration(gap)} later", gap));
            }
        }

        // The first breach after the escalation: the sooner it came, the later the escalation was.
        Decision? breach = null;
        for (var i = 0; i < t.Decisions.Count && breach is null; i++)
        {
            if (t.Decisions[i] is { Kind: DecisionKind.SlaBreach } d && d.At > escalation.At)
            {
                breach = d;
            }
        }

        if (breach is not null)
        {
            lateEscalationTickets++;
            var gap = (long)(breach.At - escalation.At).TotalSeconds;
            if (lateEscalations.Admits(gap, t.Id))
            {
                lateEscalations.Add(new ReviewItem(t.Id, t.Severity, label, t.QueueAt(escalation.At), escalation.At,
                    $"escalated to {escalation.Owner} by {escalation.Rule}, then breached {ModelFormatter.Format(breach.Component!.Value)} {Formats.Duration(gap)} later", gap));
            }
        }
    }

    private static Decision LastMiss(in TicketOutcome t, SlaComponent component)
    {
        for (var i = t.Decisions.Count - 1; ; i--)
        {
            if (t.Decisions[i] is { Kind: DecisionKind.SlaBreach or DecisionKind.MissedUpdate } d && d.Component == component)
            {
                return d;
            }
        }
    }
}
