using System.Runtime.InteropServices;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Simulation.Replay;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Folding a ticket's decisions, open periods and review findings.</summary>
internal sealed partial class ReportBuilder
{
    private readonly Dictionary<SlaComponent, int> scratchMisses = [];

    private void AddDecisions(in TicketOutcome t, WeekAcc week)
    {
        var wasEscalated = false;
        var wasPaged = false;
        var anyBreach = false;
        var severity = severities[t.Severity];
        var missed = 0L;
        foreach (var d in t.Decisions)
        {
            decisionsByKind[(int)d.Kind]++;
            var queueName = t.QueueAt(d.At);
            var queue = queues.TryGetValue(queueName, out var q) ? q : queues[queueName] = new GroupAcc();
            if (d.Rule is { } ruleName)
            {
                var rule = rules.TryGetValue(ruleName, out var r) ? r : rules[ruleName] = new RuleAcc();
                rule.Tickets.Add(ticket);
                switch (d.Kind)
                {
                    case DecisionKind.Escalate: rule.Escalations++; break;
                    case DecisionKind.Page: rule.Pages++; break;
                    case DecisionKind.Notify: rule.Notifications++; break;
                    default: rule.Other++; break;
                }
            }

            var owner = d.Owner is null ? null : owners.TryGetValue(d.Owner, out var o) ? o : owners[d.Owner] = new OwnerAcc();
            switch (d.Kind)
            {
                case DecisionKind.Escalate:
                    wasEscalated = true;
                    week.Escalations++;
                    queue.Escalations++;
                    queue.EscalatedTickets.Add(ticket);
                    if (owner is not null)
                    {
                        owner.Escalations++;
                    }

                    break;
                case DecisionKind.Page:
                    wasPaged = true;
                    pages++;
                    week.Pages++;
                    queue.Pages++;
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
                    queue.Notifications++;
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

        long escalations = 0, pagesSent = 0, notifications = 0;
        foreach (var d in t.Decisions)
        {
            switch (d.Kind)
            {
                case DecisionKind.Escalate: escalations++; break;
                case DecisionKind.Page: pagesSent++; break;
                case DecisionKind.Notify: notifications++; break;
            }
        }

        AddGroup(issueTypes, t.IssueType);
        AddGroup(categories, t.Category);

        void AddGroup(Dictionary<string, GroupAcc> map, string key)
        {
            var group = map.TryGetValue(key, out var g) ? g : map[key] = new GroupAcc();
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
            if (!queues.TryGetValue(queue, out var group))
            {
                queues[queue] = group = new GroupAcc();
            }

            group.Tickets.Add(ticket);
        }
    }

    private void AddReview(in TicketOutcome t)
    {
        var label = t.Category;
        scratchMisses.Clear();
        Decision? escalation = null;
        foreach (var d in t.Decisions)
        {
            if (d.Kind is DecisionKind.SlaBreach or DecisionKind.MissedUpdate && d.Component is { } component)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(scratchMisses, component, out _)++;
            }

            if (escalation is null && d.Kind == DecisionKind.Escalate)
            {
                escalation = d;
            }
        }

        // The component missed most often (ties: the first in declaration order), if more than once.
        (SlaComponent Component, int Count) worst = default;
        foreach (var (component, count) in scratchMisses)
        {
            if (count > worst.Count || count == worst.Count && component < worst.Component)
            {
                worst = (component, count);
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

        Decision? breach = null;
        for (var i = t.Decisions.Count - 1; i >= 0 && breach is null; i--)
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
