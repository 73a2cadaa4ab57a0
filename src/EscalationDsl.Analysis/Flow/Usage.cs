using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>The names a policy refers to, for the unused-declaration rules.</summary>
internal sealed class Usage
{
    private Usage()
    {
    }

    /// <summary>Owners named anywhere: rule owner and driver, actions, routes, `reports to`, `owner == X`.</summary>
    public HashSet<string> Owners { get; } = new(StringComparer.Ordinal);

    /// <summary>Calendars that measure a business duration or are named by `during`, a rule or a severity.</summary>
    public HashSet<string> Calendars { get; } = new(StringComparer.Ordinal);

    /// <summary>Fields read by conditions, guards, `require`, `since`, `on`, `with` or a route.</summary>
    public HashSet<string> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>True when the policy's `calendar by` block chooses the calendar of some business duration.</summary>
    public bool ChoosesCalendar { get; private set; }

    /// <summary>Fields whose route an action uses through `route(FIELD)`.</summary>
    public HashSet<string> Routes { get; } = new(StringComparer.Ordinal);

    /// <summary>Collects the references of a policy.</summary>
    public static Usage Of(PolicyModel policy)
    {
        var usage = new Usage();
        foreach (var owner in policy.Owners)
        {
            if (owner.ReportsTo is { } up && up != owner.Name)
            {
                usage.Owners.Add(up);
            }
        }

        foreach (var route in policy.Routes)
        {
            usage.Fields.Add(route.Field.Name);
            usage.Owners.UnionWith(route.Entries.Select(e => e.Owner.Name));
            if (route.Default is { } fallback)
            {
                usage.Owners.Add(fallback.Name);
            }
        }

        if (policy.CalendarChoice is { } choice)
        {
            // Its calendars are used through the durations it measures (below), if any.
            usage.Fields.Add(choice.Field.Name);
        }

        foreach (var severity in policy.Severities)
        {
            AddCalendar(usage, severity.Calendar);
            foreach (var target in severity.Targets)
            {
                if (target.WithField is { } with)
                {
                    usage.Fields.Add(with.Name);
                }
            }
        }

        foreach (var rule in policy.Rules)
        {
            AddOwner(usage, rule.StartOwner);
            AddOwner(usage, rule.Driver);
            AddCalendar(usage, rule.Calendar);
            foreach (var step in rule.Steps)
            {
                switch (step.Trigger)
                {
                    case EveryTrigger { Since: { } since }:
                        usage.Fields.Add(since.Name);
                        break;
                    case OnTrigger { Flag: { } flag }:
                        usage.Fields.Add(flag.Name);
                        break;
                }
            }

            foreach (var guard in rule.RequireGuards)
            {
                usage.Fields.UnionWith(guard.Fields.Select(f => f.Name));
            }
        }

        foreach (var guard in policy.RequireGuards)
        {
            usage.Fields.UnionWith(guard.Fields.Select(f => f.Name));
        }

        foreach (var (_, _, action) in ModelWalker.Actions(policy))
        {
            if (action is RequireAction require)
            {
                usage.Fields.UnionWith(require.Fields.Select(f => f.Name));
            }

            foreach (var reference in ModelWalker.OwnerRefs(action))
            {
                switch (reference)
                {
                    case NamedOwnerRef named:
                        usage.Owners.Add(named.Owner.Name);
                        break;
                    case RoutedOwnerRef routed:
                        usage.Routes.Add(routed.Route.Field.Name);
                        break;
                }
            }
        }

        foreach (var leaf in ModelWalker.Conditions(policy).SelectMany(ModelWalker.Leaves))
        {
            if (ModelWalker.FieldOf(leaf) is { } field)
            {
                usage.Fields.Add(field.Name);
            }

            switch (leaf)
            {
                case CompareCondition { Field.Type: FieldType.Owner } c:
                    usage.Owners.Add(c.Value);
                    break;
                case InCondition { Field.Type: FieldType.Owner } i:
                    usage.Owners.UnionWith(i.Values);
                    break;
                case DuringCondition d:
                    usage.Calendars.Add(d.Calendar.Name);
                    break;
            }
        }

        foreach (var duration in ModelWalker.Durations(policy).OfType<BusinessDuration>())
        {
            usage.Calendars.UnionWith(duration.Calendars.Select(c => c.Name));
            usage.ChoosesCalendar |= duration.ChosenBy is not null;
        }

        return usage;
    }

    private static void AddOwner(Usage usage, OwnerModel? owner)
    {
        if (owner is not null)
        {
            usage.Owners.Add(owner.Name);
        }
    }

    private static void AddCalendar(Usage usage, CalendarModel? calendar)
    {
        if (calendar is not null)
        {
            usage.Calendars.Add(calendar.Name);
        }
    }
}
