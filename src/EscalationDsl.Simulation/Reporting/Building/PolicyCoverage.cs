using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// How often each step, deescalation and route value of the policy applied. Counts live in arrays indexed
/// by step (policy order), deescalation and route value, and are filled once per finished ticket from the
/// runtime's own occurrence counters, so the replay's per-event path pays nothing and memory does not grow
/// with the tickets. Blocked escalations are counted from their <c>missing_information</c> decisions, pages and
/// pages sent as notifications from the decisions' kind and <see cref="Decision.Downgrade"/>.
/// </summary>
internal sealed class PolicyCoverage
{
    private readonly CompiledPolicy policy;
    private readonly int[] stepFirings;
    private readonly int[] deescalationFirings;
    private readonly long[] stepFired;
    private readonly long[] stepTickets;
    private readonly TicketCount[] stepBlocked;
    private readonly long[] deescalationFired;
    private readonly long[] deescalationTickets;
    private readonly long[] stepPages;

    /// <summary>
    /// Per step, its pages sent as notifications by why: paging stopped at 0, then each policy-wide page guard,
    /// then each of the rule's own.
    /// </summary>
    private readonly long[][] stepNotifiedPages;

    /// <summary>Per route: the key of each value it lists to its index in <see cref="routeTickets"/>.</summary>
    private readonly Dictionary<string, int>[] routeValues;
    private readonly long[] routeTickets;

    public PolicyCoverage(CompiledPolicy policy)
    {
        this.policy = policy;
        var model = policy.Model;
        stepFirings = new int[policy.StepCount];
        stepFired = new long[stepFirings.Length];
        stepTickets = new long[stepFirings.Length];
        stepBlocked = new TicketCount[stepFirings.Length];
        stepPages = new long[stepFirings.Length];
        stepNotifiedPages = [.. model.Rules.SelectMany(r => r.Steps.Select(_ => new long[1 + model.PageGuards.Length + r.PageGuards.Length]))];
        deescalationFirings = new int[model.Deescalations.Length];
        deescalationFired = new long[deescalationFirings.Length];
        deescalationTickets = new long[deescalationFirings.Length];
        routeValues = new Dictionary<string, int>[model.Routes.Length];
        var next = 0;
        for (var r = 0; r < routeValues.Length; r++)
        {
            var route = model.Routes[r];
            var values = routeValues[r] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in route.Entries)
            {
                foreach (var value in entry.Values)
                {
                    // The first entry listing a value takes it, as the runtime's route does.
                    if (values.TryAdd(ValueEntries.Key(route.Field, value), next))
                    {
                        next++;
                    }
                }
            }
        }

        routeTickets = new long[next];
    }

    /// <summary>The index of the rule's first step among all steps (its step N is N further on).</summary>
    public int FirstStep(string rule)
    {
        var first = 0;
        foreach (var r in policy.Model.Rules)
        {
            if (r.Name == rule)
            {
                return first;
            }

            first += r.Steps.Length;
        }

        throw new ArgumentException($"The policy has no rule '{rule}'.", nameof(rule));
    }

    /// <summary>Adds a finished ticket.</summary>
    public void Add(Ticket t)
    {
        Array.Clear(stepFirings);
        Array.Clear(deescalationFirings);
        policy.AddFirings(t, stepFirings, deescalationFirings);
        Fold(stepFirings, stepFired, stepTickets);
        Fold(deescalationFirings, deescalationFired, deescalationTickets);

        var routes = policy.Model.Routes;
        for (var r = 0; r < routes.Length; r++)
        {
            if (policy.TextOf(t, routes[r].Field) is { } value && routeValues[r].TryGetValue(ValueEntries.Key(routes[r].Field, value), out var index))
            {
                routeTickets[index]++;
            }
        }
    }

    /// <summary>A step's escalation was blocked by missing fields on ticket <paramref name="number"/> (counted once per ticket).</summary>
    public void Blocked(int step, long number) => stepBlocked[step].Add(number);

    /// <summary>A step sent a page.</summary>
    public void Paged(int step) => stepPages[step]++;

    /// <summary>A step's page went out as a notification, for the runtime's reason (<see cref="Decision.Downgrade"/>, <see cref="Decision.PageGuard"/>).</summary>
    public void Downgraded(int step, PageDowngrade why, int guard) => stepNotifiedPages[step][why switch
    {
        PageDowngrade.PolicyGuard => 1 + guard,
        PageDowngrade.RuleGuard => 1 + policy.Model.PageGuards.Length + guard,
        _ => 0,
    }]++;

    private static void Fold(int[] firings, long[] fired, long[] tickets)
    {
        for (var i = 0; i < firings.Length; i++)
        {
            if (firings[i] > 0)
            {
                fired[i] += firings[i];
                tickets[i]++;
            }
        }
    }

    public List<StepRow> Steps()
    {
        var rows = new List<StepRow>(stepFired.Length);
        var i = 0;
        foreach (var rule in policy.Model.Rules)
        {
            foreach (var step in rule.Steps)
            {
                var notified = stepNotifiedPages[i];
                rows.Add(new StepRow($"{rule.Name} #{step.Index}", ModelFormatter.Format(step.Trigger), stepTickets[i], stepFired[i], stepBlocked[i].Value,
                    stepPages[i], new PagesAsNotifications(notified.Sum() - notified[0], notified[0])));
                i++;
            }
        }

        return rows;
    }

    /// <summary>
    /// The steps (of <paramref name="steps"/>, from <see cref="Steps"/>) more than half of whose pages went out
    /// as notifications, each with what turned them: the guard as written, or paging stopped.
    /// </summary>
    public List<NotifiedPagesItem> MostlyNotified(IReadOnlyList<StepRow> steps)
    {
        var model = policy.Model;
        var items = new List<NotifiedPagesItem>();
        var i = 0;
        foreach (var rule in model.Rules)
        {
            foreach (var _ in rule.Steps)
            {
                var row = steps[i];
                if (row.PagesAsNotifications.Total > row.Pages)
                {
                    var counts = stepNotifiedPages[i];
                    string Reason(int k) =>
                        k == 0 ? "paging was stopped"
                        : k <= model.PageGuards.Length ? $"page only when {ModelFormatter.Format(model.PageGuards[k - 1].When)} did not hold"
                        : $"{rule.Name}'s page only when {ModelFormatter.Format(rule.PageGuards[k - 1 - model.PageGuards.Length].When)} did not hold";
                    var why = Enumerable.Range(0, counts.Length).Where(k => counts[k] > 0)
                        .OrderByDescending(k => counts[k]).ThenBy(k => k == 0 ? int.MaxValue : k)
                        .Select(k => $"{Reason(k)} ({Formats.Count(counts[k])})");
                    items.Add(new NotifiedPagesItem(row.Step, row.Trigger, row.Pages, row.PagesAsNotifications, string.Join(", ", why)));
                }

                i++;
            }
        }

        return items;
    }

    public List<DeescalationRow> Deescalations() =>
        [.. policy.Model.Deescalations.Select((d, i) => new DeescalationRow(ModelFormatter.Format(d.When), deescalationTickets[i], deescalationFired[i]))];

    public List<RouteValueRow> RouteValues()
    {
        var rows = new List<RouteValueRow>(routeTickets.Length);
        var routes = policy.Model.Routes;
        for (var r = 0; r < routes.Length; r++)
        {
            foreach (var entry in routes[r].Entries)
            {
                foreach (var value in entry.Values)
                {
                    // A value listed again (by a later entry) is the first one's row.
                    if (routeValues[r][ValueEntries.Key(routes[r].Field, value)] == rows.Count)
                    {
                        rows.Add(new RouteValueRow(routes[r].Field.Name, value, entry.Owner.Name, routeTickets[rows.Count]));
                    }
                }
            }
        }

        return rows;
    }

    /// <summary>What never applied: a rule none of whose steps fired is listed once, as the rule.</summary>
    public static NeverApplied Never(PolicyModel model, IReadOnlyList<StepRow> steps, IReadOnlyList<DeescalationRow> deescalations, IReadOnlyList<RouteValueRow> routeValues)
    {
        var rules = new List<string>();
        var idle = new List<string>();
        var i = 0;
        foreach (var rule in model.Rules)
        {
            var ruleSteps = steps.Skip(i).Take(rule.Steps.Length).ToList();
            i += rule.Steps.Length;
            if (ruleSteps.All(s => s.Fired == 0))
            {
                rules.Add(rule.Name);
            }
            else
            {
                idle.AddRange(ruleSteps.Where(s => s.Fired == 0).Select(s => s.Step));
            }
        }

        return new NeverApplied(
            rules,
            idle,
            [.. deescalations.Where(d => d.Fired == 0).Select(d => d.Condition)],
            [.. routeValues.Where(v => v.Tickets == 0).Select(v => $"{v.Field} {v.Value}")]);
    }
}
