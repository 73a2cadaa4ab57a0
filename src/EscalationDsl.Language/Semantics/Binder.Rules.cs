using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>Escalation rules: selectors, steps, triggers, actions and guards.</summary>
internal sealed partial class Binder
{
    private ImmutableArray<RuleModel> BindRules(IEnumerable<EscalationSyntax> syntax)
    {
        var rules = ImmutableArray.CreateBuilder<RuleModel>();
        var first = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        foreach (var rule in syntax)
        {
            if (first.TryGetValue(rule.Name.Name, out var firstSpan))
            {
                Duplicate(rule.Name, "escalation rule", firstSpan);
                continue;
            }

            first[rule.Name.Name] = rule.Name.Span;
            rules.Add(BindRule(rule, rules.Count));
        }

        return rules.ToImmutable();
    }

    private RuleModel BindRule(EscalationSyntax rule, int index)
    {
        var name = rule.Name.Name;
        var selected = rule.Severities.Select(ResolveSeverity).OfType<SeverityModel>().Distinct().ToImmutableArray();

        OwnerModel? startOwner = null;
        OwnerModel? driver = null;
        CalendarModel? calendar = null;
        var settings = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        foreach (var item in rule.Items)
        {
            var key = item switch
            {
                RuleOwnerSyntax => "owner",
                RuleCalendarSyntax => "calendar",
                RuleDriverSyntax => "driven by",
                _ => null,
            };
            if (key is null)
            {
                continue;
            }

            if (settings.TryGetValue(key, out var firstSetting))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateRuleItemFound(item.Span, $"Rule '{name}'", key, Line(firstSetting)));
                continue;
            }

            settings[key] = item.Span;
            switch (item)
            {
                case RuleOwnerSyntax o: startOwner = ResolveOwner(o.Owner); break;
                case RuleCalendarSyntax c: calendar = ResolveCalendar(c.Calendar); break;
                case RuleDriverSyntax d: driver = ResolveOwner(d.Owner); break;
            }
        }

        var scope = new Scope(calendar, name);
        var when = rule.When is null ? null : BindCondition(rule.When, scope);
        var steps = ImmutableArray.CreateBuilder<StepModel>();
        var requireGuards = ImmutableArray.CreateBuilder<RequireGuardModel>();
        var pageGuards = ImmutableArray.CreateBuilder<PageGuardModel>();
        var stepIndex = 0;
        foreach (var item in rule.Items)
        {
            switch (item)
            {
                case StepSyntax step:
                    if (step.Trigger is ImmediateTriggerSyntax && stepIndex > 0)
                    {
                        diagnostics.Add(DiagnosticCatalog.ImmediateStepNotFirstFound(step.Trigger.Span, name));
                    }

                    if (BindTrigger(step.Trigger, scope) is { } trigger)
                    {
                        steps.Add(new StepModel(stepIndex, trigger, BindActions(step.Actions, scope), step.Span));
                    }

                    stepIndex++;
                    break;
                case RuleRequireGuardSyntax r when BindRequireGuard(r.Guard, name, scope) is { } guard:
                    requireGuards.Add(guard);
                    break;
                case RulePageGuardSyntax p when BindPageGuard(p.Guard, name) is { } pageGuard:
                    pageGuards.Add(pageGuard);
                    break;
            }
        }

        return new RuleModel(name, index, rule.AnySeverity, selected, when, startOwner, driver, calendar,
            steps.ToImmutable(), requireGuards.ToImmutable(), pageGuards.ToImmutable(), rule.Span, rule.Name.Span);
    }

    private TriggerModel? BindTrigger(TriggerSyntax trigger, Scope scope)
    {
        switch (trigger)
        {
            case AfterTriggerSyntax after:
                var delay = BindDuration(after.Delay, scope);
                var unless = after.Unless is null ? null : BindCondition(after.Unless, scope);
                return delay is null ? null : new AfterTrigger(delay, unless, after.Span);

            case EveryTriggerSyntax every:
                var interval = BindDuration(every.Interval, scope);
                FieldModel? since = null;
                if (every.Since is { } anchor && ResolveField(anchor, "time", "since") is { } anchorField)
                {
                    if (anchorField.HasTime)
                    {
                        since = anchorField;
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticCatalog.InvalidSinceAnchorFound(anchor.Span, anchor.Name));
                    }
                }

                var whileCondition = every.While is null ? null : BindCondition(every.While, scope);
                int? cap = null;
                if (every.Cap is { } capSyntax && ParseInt(capSyntax, "a repeat cap") is { } capValue)
                {
                    if (capValue < 1)
                    {
                        diagnostics.Add(DiagnosticCatalog.InvalidCapFound(capSyntax.Span, capSyntax.Text));
                    }
                    else
                    {
                        cap = capValue;
                    }
                }

                return interval is null ? null : new EveryTrigger(interval, since, whileCondition, cap, every.Span);

            case ImmediateTriggerSyntax immediate:
                return new ImmediateTrigger(immediate.Span);

            case OnTriggerSyntax on:
                var condition = on.When is null ? null : BindCondition(on.When, scope);
                if (BuiltIns.Events.TryGetValue(on.Event.Name, out var kind))
                {
                    return new OnTrigger(kind, null, condition, on.Span);
                }

                if (fields.TryGetValue(on.Event.Name, out var flag) && flag.Type == FieldType.Flag)
                {
                    return new OnTrigger(TriggerEvent.FlagRaised, flag, condition, on.Span);
                }

                var known = BuiltIns.Events.Keys.Concat(fields.Values.Where(f => f.Type == FieldType.Flag).Select(f => f.Name));
                diagnostics.Add(DiagnosticCatalog.UnknownEventFound(on.Event.Span, on.Event.Name, known, fields.GetValueOrDefault(on.Event.Name)));
                return null;

            default:
                return null;
        }
    }

    private ImmutableArray<ActionModel> BindActions(ImmutableArray<ActionSyntax> actions, Scope scope) =>
        actions.Select(a => BindAction(a, scope)).OfType<ActionModel>().ToImmutableArray();

    private ActionModel? BindAction(ActionSyntax action, Scope scope) => action switch
    {
        NotifyActionSyntax n => OwnerRefs(n.Owners) is { IsEmpty: false } refs ? new NotifyAction(refs, n.Span) : null,
        PageActionSyntax p => OwnerRefs(p.Owners) is { IsEmpty: false } refs ? new PageAction(refs, p.Span) : null,
        AssignActionSyntax a => BindOwnerRef(a.Owner) is { } owner ? new AssignAction(owner, a.Span) : null,
        EscalateActionSyntax e => BindOwnerRef(e.Owner) is { } owner ? new EscalateAction(owner, e.Span) : null,
        RemindActionSyntax r => BindOwnerRef(r.Owner) is { } owner ? new RemindAction(owner, r.Span) : null,
        RequireActionSyntax q => q.Fields.Select(ResolveField).OfType<FieldModel>().ToImmutableArray() is { IsEmpty: false } required
            ? new RequireAction(required, q.Span)
            : null,
        StopPagingActionSyntax s => new StopPagingAction(s.Span),
        EnterMonitorActionSyntax m => new EnterMonitorAction(m.Span),
        _ => null,
    };

    private ImmutableArray<OwnerRefModel> OwnerRefs(ImmutableArray<OwnerRefSyntax> refs) =>
        refs.Select(BindOwnerRef).OfType<OwnerRefModel>().ToImmutableArray();

    private OwnerRefModel? BindOwnerRef(OwnerRefSyntax owner)
    {
        switch (owner)
        {
            case NamedOwnerRefSyntax named:
                return ResolveOwner(named.Name) is { } model ? new NamedOwnerRef(model, named.Span) : null;
            case CurrentOwnerRefSyntax current:
                return new CurrentOwnerRef(current.Span);
            case NextOwnerRefSyntax next:
                return new NextOwnerRef(next.Span);
            case RouteOwnerRefSyntax routed:
                if (routes.TryGetValue(routed.Field.Name, out var route))
                {
                    return new RoutedOwnerRef(route, routed.Span);
                }

                if (fields.ContainsKey(routed.Field.Name))
                {
                    diagnostics.Add(DiagnosticCatalog.RouteNotDeclaredFound(routed.Field.Span, routed.Field.Name, routes.Keys));
                }
                else
                {
                    ResolveField(routed.Field);
                }

                return null;
            default:
                return null;
        }
    }

    private RequireGuardModel? BindRequireGuard(RequireGuardSyntax guard, string? rule, Scope? scope)
    {
        var required = guard.Fields.Select(ResolveField).OfType<FieldModel>().ToImmutableArray();
        var when = guard.When is null ? null : BindCondition(guard.When, scope ?? Scope.Policy);
        if (required.IsEmpty || guard.When is not null && when is null)
        {
            return null;
        }

        return new RequireGuardModel(required, when, rule, guard.Span);
    }

    private PageGuardModel? BindPageGuard(PageGuardSyntax guard, string? rule) =>
        BindCondition(guard.When, new Scope(null, rule)) is { } when ? new PageGuardModel(when, rule, guard.Span) : null;
}
