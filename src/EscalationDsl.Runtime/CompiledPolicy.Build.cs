using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;

namespace EscalationDsl.Runtime;

/// <summary>Compiling rules and steps, and laying out clocks per severity.</summary>
public sealed partial class CompiledPolicy
{
    private CompiledRule CompileRule(RuleModel rule, ConditionCompiler compiler)
    {
        var compiled = new CompiledRule
        {
            Model = rule,
            When = rule.When is null ? null : compiler.Compile(rule.When),
            PageGuards = [.. rule.PageGuards.Select(g => compiler.Compile(g.When))],
        };
        var guards = PolicyGuards.AddRange(rule.RequireGuards.Select(g => CompileGuard(g, compiler)));
        var guardDescription = guards.IsEmpty
            ? null
            : string.Join("; ", guards.Select(g => $"require {string.Join(", ", g.Model.Fields.Select(f => f.Name))}{(g.Model.When is null ? "" : " when " + ModelFormatter.Format(g.Model.When))}"));
        compiled.Steps = [.. rule.Steps.Select(step => CompileStep(compiled, step, guards, guardDescription, compiler))];
        return compiled;
    }

    private CompiledStep CompileStep(CompiledRule rule, StepModel step, ImmutableArray<CompiledRequireGuard> guards, string? guardDescription, ConditionCompiler compiler)
    {
        // The graph label shows quoted values as `.esc` writes them, as the guard note does; Stateless'
        // DOT export escapes `"` and `\` in labels, and a Mermaid label runs to the end of its line.
        var label = $"{rule.Name} #{step.Index} {ModelFormatter.Format(step.Trigger)} / {string.Join(", ", step.Actions.Select(ModelFormatter.Format))}";
        var trigger = new LifecycleTrigger(LifecycleTriggerKind.Step, label, rule.Model, step);
        var escalates = step.Actions.Any(a => a is EscalateAction);
        var firstEscalation = escalates ? step.Actions.IndexOf(step.Actions.First(a => a is EscalateAction)) : 0;
        var assignsFirst = step.Actions.Take(firstEscalation).Any(a => a is AssignAction) ? firstEscalation : 0;
        TicketPredicate? Predicate(ConditionModel? c) => c is null ? null : compiler.Compile(c);
        var calendarOf = (DurationModel d) => d is BusinessDuration b ? Calendar(b.Calendar) : null;
        return step.Trigger switch
        {
            AfterTrigger a => new CompiledStep
            {
                Rule = rule, Model = step, Kind = StepKind.After, Trigger = trigger, Duration = a.Delay, Calendar = calendarOf(a.Delay),
                Condition = Predicate(a.Unless), Actions = step.Actions, Escalates = escalates, AssignsBeforeEscalating = assignsFirst, Guards = guards, GuardDescription = guardDescription,
            },
            EveryTrigger e => new CompiledStep
            {
                Rule = rule, Model = step, Kind = StepKind.Every, Trigger = trigger, Duration = e.Interval, Calendar = calendarOf(e.Interval),
                Condition = Predicate(e.While), Since = e.Since is null ? null : Access(e.Since), Cap = e.Cap,
                ParksWhileFalse = e.While is not null && compiler.CompileWake(e.While) is null,
                Actions = step.Actions, Escalates = escalates, AssignsBeforeEscalating = assignsFirst, Guards = guards, GuardDescription = guardDescription,
            },
            OnTrigger o => new CompiledStep
            {
                Rule = rule, Model = step, Kind = StepKind.On, Trigger = trigger, Condition = Predicate(o.When), OnEvent = o.Event,
                FlagSlot = o.Flag is null ? -1 : ValueSlot(o.Flag.Name), OnMonitoring = o.Flag?.Name == "monitoring", Actions = step.Actions, Escalates = escalates, AssignsBeforeEscalating = assignsFirst, Guards = guards,
                GuardDescription = guardDescription,
            },
            _ => new CompiledStep
            {
                Rule = rule, Model = step, Kind = StepKind.Immediate, Trigger = trigger, Actions = step.Actions, Escalates = escalates, AssignsBeforeEscalating = assignsFirst,
                Guards = guards, GuardDescription = guardDescription,
            },
        };
    }

    /// <summary>The number of steps in all rules; retired step counters are kept per global step.</summary>
    internal int TotalSteps => Rules.Sum(r => r.Steps.Length);

    private SeverityLayout BuildLayout(SeverityModel severity, ConditionCompiler compiler)
    {
        var next = 0;
        var sla = ImmutableArray.CreateBuilder<SlaSlot>();
        foreach (var target in severity.Targets)
        {
            sla.Add(new SlaSlot(target, target.Within is BusinessDuration b ? Calendar(b.Calendar) : null, next++,
                target.WithField is null ? null : Access(target.WithField)));
        }

        var slaState = next++;
        var cadenceDue = -1;
        var cadenceCount = -1;
        var cadenceAnchor = -1;
        if (severity.Cadence is not null)
        {
            cadenceDue = next++;
        }

        // The missed-update counter numbers decision ids for the whole ticket, so every layout
        // keeps it (and the interval anchor) once any severity has a cadence: a detour through a
        // severity without one must not restart the numbering.
        if (Model.Severities.Any(s => s.Cadence is not null))
        {
            cadenceCount = next++;
            cadenceAnchor = next++;
        }

        var deescalationBase = next;
        next += Deescalations.Length;
        var rules = ImmutableArray.CreateBuilder<RuleSlot>();
        foreach (var rule in Rules.Where(r => r.Model.AppliesTo(severity)))
        {
            var start = next++;
            var steps = ImmutableArray.CreateBuilder<StepSlot>();
            foreach (var step in rule.Steps)
            {
                var due = step.Kind is StepKind.After or StepKind.Every ? next++ : -1;
                var anchor = step.Kind is StepKind.Every ? next++ : -1;
                steps.Add(new StepSlot(step, due, anchor, next++));
            }

            rules.Add(new RuleSlot(rule, start, steps.ToImmutable()));
        }

        // One deadline for re-evaluating the time-dependent conditions a ticket of this severity is under:
        // rule selectors, deescalations and pauses always; a `require` guard's `when` only while a step it
        // holds back is blocked (when it stops holding, the escalation goes ahead).
        var timed = sharedTimed
            .AddRange(Timed(compiler, Rules.Where(r => r.Model.AppliesTo(severity) && r.Model.When is not null).Select(r => ($"rule {r.Model.Name} when", r.Model.When!))))
            .AddRange(GuardsWhileBlocked(compiler, rules));
        var recheckWake = timed.Aggregate((TicketWake?)null, (wake, c) => ConditionCompiler.Earliest(wake, c.Wake));
        var recheck = recheckWake is null ? -1 : next++;

        var cadence = severity.Cadence;
        // Each deadline slot with the meta slot of the step that owns it (-1 for the others): a parked step's does not count.
        var dueSlots = sla.Select(s => (s.DueSlot, -1))
            .Concat(cadenceDue >= 0 ? [(cadenceDue, -1)] : [])
            .Concat(recheck >= 0 ? [(recheck, -1)] : [])
            .Concat(rules.SelectMany(r => r.Steps).Where(s => s.DueSlot >= 0).Select(s => (s.DueSlot, s.MetaSlot)))
            .ToList();
        return new SeverityLayout
        {
            Severity = severity,
            Sla = sla.ToImmutable(),
            SlaStateSlot = slaState,
            CadenceDueSlot = cadenceDue,
            CadenceCountSlot = cadenceCount,
            CadenceAnchorSlot = cadenceAnchor,
            Cadence = cadence,
            CadenceCalendar = cadence?.Interval is BusinessDuration cb ? Calendar(cb.Calendar) : null,
            CadenceUntil = cadence?.Until is null ? null : compiler.Compile(cadence.Until),
            Rules = rules.ToImmutable(),
            RecheckSlot = recheck,
            Recheck = recheckWake,
            TimedConditions = timed,
            DeescalationBase = deescalationBase,
            Length = next,
            DueSlots = [.. dueSlots.Select(d => d.Item1)],
            DueSlotSteps = [.. dueSlots.Select(d => d.Item2)],
        };
    }

    /// <summary>
    /// The time-dependent <c>when</c> of the <c>require</c> guards on these rules' escalating steps, waking the ticket
    /// only while one of those steps is blocked: a guard's condition matters to nothing else.
    /// </summary>
    private static IEnumerable<TimedCondition> GuardsWhileBlocked(ConditionCompiler compiler, IReadOnlyCollection<RuleSlot> rules)
    {
        var guarded = rules.SelectMany(r => r.Steps).Where(s => s.Step.Guarded).ToList();
        var metaSlots = guarded.Select(s => s.MetaSlot).ToArray();
        return Timed(compiler, guarded.SelectMany(s => s.Step.Guards).Distinct().Where(g => g.Model.When is not null).Select(g => (g.Where, g.Model.When!)))
            .Select(c => c with { Wake = (t, now) => AnyBlocked(t, metaSlots) ? c.Wake(t, now) : null });
    }

    private static bool AnyBlocked(Ticket t, int[] metaSlots)
    {
        foreach (var slot in metaSlots)
        {
            if ((t.Clock[slot] & StepSlot.Blocked) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The conditions time alone may change, each labelled with where it is written (<c>rule r when</c>).</summary>
    private static ImmutableArray<TimedCondition> Timed(ConditionCompiler compiler, IEnumerable<(string Where, ConditionModel Condition)> conditions) =>
        [.. conditions.Select(c => (c.Where, c.Condition, Wake: compiler.CompileWake(c.Condition)))
            .Where(c => c.Wake is not null)
            .Select(c => new TimedCondition($"{c.Where} {ModelFormatter.Format(c.Condition)}", c.Wake!))];

    /// <summary>
    /// The compared values the conditions gave <paramref name="compared"/>, with the values routes and <c>calendar by</c>
    /// map: a value one letter off a mapped one takes the route's default (or the default calendar) as silently as one
    /// off a compared value never matches its condition.
    /// </summary>
    private ComparedTexts BuildComparedTexts(ComparedTexts.Builder compared)
    {
        foreach (var route in Model.Routes)
        {
            foreach (var value in route.Entries.SelectMany(e => e.Values))
            {
                compared.Compared(route.Field, value);
            }
        }

        if (Model.CalendarChoice is { } choice)
        {
            foreach (var value in choice.Entries.SelectMany(e => e.Values))
            {
                compared.Compared(choice.Field, value);
            }
        }

        return compared.Build();
    }
}
