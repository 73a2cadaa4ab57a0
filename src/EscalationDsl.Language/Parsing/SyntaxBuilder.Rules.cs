using System.Collections.Immutable;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using static EscalationDsl.Language.Parsing.Generated.EscalationParser;

namespace EscalationDsl.Language.Parsing;

/// <summary>Escalation rules, steps, actions, guards, conditions and durations.</summary>
internal sealed partial class SyntaxBuilder
{
    private EscalationSyntax? BuildEscalation(EscalationDeclContext c)
    {
        if (Ident(c.name) is not { } name || c.severitySelector() is not { } selector)
        {
            return null;
        }

        var any = selector is AnySeverityContext;
        var severities = selector is SeverityListContext list
            ? list.IDENT().Select(n => Ident(n.Symbol)).OfType<IdentifierSyntax>().ToImmutableArray()
            : [];
        if (!any && severities.IsEmpty)
        {
            return null;
        }

        var items = c.ruleItem().Select(BuildRuleItem).OfType<RuleItemSyntax>().ToImmutableArray();
        return new EscalationSyntax(name, any, severities, Condition(c.condition()), items, Span(c));
    }

    private RuleItemSyntax? BuildRuleItem(RuleItemContext c) => c switch
    {
        _ when Damaged(c) => null,
        RuleOwnerContext o when Ident(o.name) is { } owner => new RuleOwnerSyntax(owner, Span(o)),
        RuleCalendarContext k when Name(k.name) is { } calendar => new RuleCalendarSyntax(calendar, Span(k)),
        RuleDriverContext d when Ident(d.name) is { } driver => new RuleDriverSyntax(driver, Span(d)),
        RuleStepContext s when s.step() is { } step => BuildStep(step),
        RuleRequireGuardContext r when r.requireGuard() is { } g && BuildRequireGuard(g) is { } guard => new RuleRequireGuardSyntax(guard, Span(r)),
        RulePageGuardContext p when p.pageGuard() is { } g && BuildPageGuard(g) is { } guard => new RulePageGuardSyntax(guard, Span(p)),
        _ => null,
    };

    private StepSyntax? BuildStep(StepContext c)
    {
        if (c.trigger() is not { } t || BuildTrigger(t) is not { } trigger)
        {
            return null;
        }

        var actions = c.action().Select(BuildAction).OfType<ActionSyntax>().ToImmutableArray();
        return actions.IsEmpty ? null : new StepSyntax(trigger, actions, Span(c));
    }

    private TriggerSyntax? BuildTrigger(TriggerContext c) => c switch
    {
        AfterTriggerContext a when Duration(a.duration()) is { } delay => new AfterTriggerSyntax(delay, Condition(a.condition()), Span(a)),
        EveryTriggerContext e when Duration(e.duration()) is { } interval =>
            new EveryTriggerSyntax(interval, Ident(e.anchor), Condition(e.condition()), Integer(e.cap), Span(e)),
        ImmediateTriggerContext i => new ImmediateTriggerSyntax(Span(i)),
        OnTriggerContext o when Ident(o.@event) is { } name => new OnTriggerSyntax(name, Condition(o.condition()), Span(o)),
        _ => null,
    };

    private ActionSyntax? BuildAction(ActionContext c)
    {
        switch (c)
        {
            case NotifyActionContext n:
                var notified = OwnerRefs(n.ownerRef());
                return notified.IsEmpty ? null : new NotifyActionSyntax(notified, Span(n));
            case PageActionContext p:
                var paged = OwnerRefs(p.ownerRef());
                return paged.IsEmpty ? null : new PageActionSyntax(paged, Span(p));
            case AssignActionContext a:
                return OwnerRef(a.ownerRef()) is { } assignee ? new AssignActionSyntax(assignee, Span(a)) : null;
            case EscalateActionContext e:
                return OwnerRef(e.ownerRef()) is { } target ? new EscalateActionSyntax(target, Span(e)) : null;
            case RemindActionContext r:
                return OwnerRef(r.ownerRef()) is { } reminded ? new RemindActionSyntax(reminded, Span(r)) : null;
            case RequireActionContext q:
                var fields = q.IDENT().Select(n => Ident(n.Symbol)).OfType<IdentifierSyntax>().ToImmutableArray();
                return fields.IsEmpty ? null : new RequireActionSyntax(fields, Span(q));
            case StopPagingActionContext s when Present(s.PAGING()):
                return new StopPagingActionSyntax(Span(s));
            case EnterMonitorActionContext m when Present(m.MONITOR()):
                return new EnterMonitorActionSyntax(Span(m));
            default:
                return null;
        }
    }

    private ImmutableArray<OwnerRefSyntax> OwnerRefs(OwnerRefContext[] refs) =>
        refs.Select(OwnerRef).OfType<OwnerRefSyntax>().ToImmutableArray();

    private static OwnerRefSyntax? OwnerRef(OwnerRefContext? c) => c switch
    {
        CurrentOwnerRefContext o => new CurrentOwnerRefSyntax(Span(o)),
        NextOwnerRefContext n => new NextOwnerRefSyntax(Span(n)),
        RouteOwnerRefContext r when FieldName(r.field) is { } field && Present(r.RPAREN()) => new RouteOwnerRefSyntax(field, Span(r)),
        NamedOwnerRefContext n when Ident(n.name) is { } name => new NamedOwnerRefSyntax(name, Span(n)),
        _ => null,
    };

    private RequireGuardSyntax? BuildRequireGuard(RequireGuardContext c)
    {
        if (Damaged(c))
        {
            return null;
        }

        var fields = c.IDENT().Select(n => Ident(n.Symbol)).OfType<IdentifierSyntax>().ToImmutableArray();
        if (fields.IsEmpty || !Present(c.ESCALATE()))
        {
            return null;
        }

        var when = c.condition();
        var condition = Condition(when);
        return when is not null && condition is null ? null : new RequireGuardSyntax(fields, condition, Span(c));
    }

    private PageGuardSyntax? BuildPageGuard(PageGuardContext c) =>
        !Damaged(c) && Condition(c.condition()) is { } when ? new PageGuardSyntax(when, Span(c)) : null;

    private DeescalateSyntax? BuildDeescalate(DeescalateDeclContext c) =>
        Condition(c.condition()) is { } when
            ? new DeescalateSyntax(when, c.action().Where(a => !Damaged(a)).Select(BuildAction).OfType<ActionSyntax>().ToImmutableArray(), Span(c))
            : null;

    private PauseSyntax? BuildPause(PauseDeclContext c) =>
        !Damaged(c) && Condition(c.condition()) is { } condition ? new PauseSyntax(condition, Span(c)) : null;

    // ------------------------------------------------------------ conditions

    /// <summary>A whole condition; null when it is missing or recovery damaged any part of it.</summary>
    private ConditionSyntax? Condition(ConditionContext? c)
    {
        if (c is null || Damaged(c))
        {
            return null;
        }

        // A chain of 'and' or 'or' is parsed in a loop but nests like parentheses in the tree.
        if (ConditionDepth.Exceeds(c))
        {
            diagnostics.Add(DiagnosticCatalog.ConditionTooDeepFound(new TextSpan(c.Start.StartIndex, c.Start.StopIndex - c.Start.StartIndex + 1), ConditionDepth.Limit));
            return null;
        }

        return BuildCondition(c);
    }

    private ConditionSyntax? BuildCondition(ConditionContext? c)
    {
        switch (c)
        {
            case null:
                return null;
            case ParenConditionContext p:
                return BuildCondition(p.condition());
            case NotConditionContext n:
                return BuildCondition(n.condition()) is { } operand ? new NotConditionSyntax(operand, Span(n)) : null;
            case AndConditionContext a:
                return BuildCondition(a.left) is { } l && BuildCondition(a.right) is { } r ? new AndConditionSyntax(l, r, Span(a)) : null;
            case OrConditionContext o:
                return BuildCondition(o.left) is { } l2 && BuildCondition(o.right) is { } r2 ? new OrConditionSyntax(l2, r2, Span(o)) : null;
            case CompareConditionContext k when FieldName(k.fieldName()) is { } field && Value(k.value()) is { } value && Present(k.op):
                var op = k.op.Type switch
                {
                    EQ => CompareOperator.Equal,
                    NEQ => CompareOperator.NotEqual,
                    LT => CompareOperator.Less,
                    LE => CompareOperator.LessOrEqual,
                    GT => CompareOperator.Greater,
                    _ => CompareOperator.GreaterOrEqual,
                };
                return new CompareConditionSyntax(field, op, value, Span(k));
            case InConditionContext i when FieldName(i.fieldName()) is { } inField:
                var values = Values(i.value());
                return values.IsEmpty ? null : new InConditionSyntax(inField, i.NOT() is not null, values, Span(i));
            case OlderConditionContext o when FieldName(o.fieldName()) is { } olderField && Duration(o.duration()) is { } age:
                return new OlderConditionSyntax(olderField, age, Span(o));
            case DuringConditionContext d when Name(d.name) is { } calendar:
                return new DuringConditionSyntax(calendar, Span(d));
            case FlagConditionContext f when FieldName(f.fieldName()) is { } flag:
                return new FlagConditionSyntax(flag, Span(f));
            default:
                return null;
        }
    }

    // ------------------------------------------------------------ durations

    private static DurationSyntax? Duration(DurationContext? c) => c switch
    {
        CompactDurationContext d when Present(d.DURATION()) => new CompactDurationSyntax(d.DURATION().GetText(), Span(d)),
        WordDurationContext w when Integer(w.amount) is { } amount && Name(w.unit) is { } unit =>
            new WordDurationSyntax(amount, w.BUSINESS() is not null, unit, Name(w.calendar), Span(w), FollowingUnit(w)),
        _ => null,
    };

    /// <summary>The unit word <see cref="SyntaxErrorStrategy"/> read after a unit that is none (`2 working days`).</summary>
    private static IdentifierSyntax? FollowingUnit(WordDurationContext w) =>
        Ident(w.children.OfType<ITerminalNode>().Select(t => t.Symbol).LastOrDefault(t => t.Type is IDENT or HOURS));
}
