using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>Actions: each as decisions with stable ids, and the deescalations that run them (steps: TicketRuntime.Steps.cs).</summary>
public sealed partial class TicketRuntime
{
    private void UpdateDeescalations(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        for (var d = 0; d < Policy.Deescalations.Length; d++)
        {
            ref var state = ref t.Clock[layout.DeescalationBase + d];
            var holds = !t.IsDone && Policy.Deescalations[d](t, at);
            var held = (state & HoldsBit) != 0;
            if (holds && !held)
            {
                var occurrence = (state & StepSlot.OccurrenceMask) + 1;
                state = HoldsBit | occurrence;
                var model = Policy.Model.Deescalations[d];
                trace?.Add(at, TraceKind.Fired, $"{ModelFormatter.Heading(model)} (occurrence {occurrence})");
                RunActions(t, model.Actions, null, occurrence, at, ActionFilter.All, new IdPrefix(t.Id, "deescalate", d, occurrence), []);
            }
            else if (!holds && held)
            {
                state &= ~HoldsBit;
            }
        }
    }

    private enum ActionFilter
    {
        All,
        AllButEscalate,
        OnlyEscalate,
    }

    // Runs actions start to end (-1: to the last): a step whose assignment comes before its escalation runs those first (FireStep).
    private void RunActions(Ticket t, ImmutableArray<ActionModel> actions, CompiledStep? step, int occurrence, long at, ActionFilter filter, IdPrefix prefix, ImmutableArray<TicketPredicate> rulePageGuards, int start = 0, int end = -1)
    {
        var before = ReadState.Of(t);
        for (var i = start; i < (end < 0 ? actions.Length : end); i++)
        {
            var action = actions[i];
            var isEscalate = action is EscalateAction;
            if (filter == ActionFilter.OnlyEscalate && !isEscalate || filter == ActionFilter.AllButEscalate && isEscalate)
            {
                continue;
            }

            switch (action)
            {
                case NotifyAction notify:
                    for (var j = 0; j < notify.Owners.Length; j++)
                    {
                        if (Resolve(t, notify.Owners[j], at, step) is { } owner)
                        {
                            Emit(t, prefix.Target(i, j), at, DecisionKind.Notify, owner, step, occurrence, null, [], "notification");
                        }
                    }

                    break;
                case PageAction page:
                    var (downgrade, why, guard) = PageDowngradeOf(t, at, rulePageGuards);
                    for (var j = 0; j < page.Owners.Length; j++)
                    {
                        if (Resolve(t, page.Owners[j], at, step) is { } owner)
                        {
                            Emit(t, prefix.Target(i, j), at, downgrade == PageDowngrade.None ? DecisionKind.Page : DecisionKind.Notify, owner, step, occurrence, null, [],
                                why ?? "page", downgrade: downgrade, pageGuard: guard);
                            if (downgrade == PageDowngrade.None)
                            {
                                t.Flags |= TicketFlags.Paged;
                            }
                        }
                    }

                    break;
                case AssignAction assign:
                    if (Resolve(t, assign.Owner, at, step) is { } assignee)
                    {
                        if (assignee.Index == t.OwnerIndex)
                        {
                            AlreadyTheOwner(t, "assign", assignee, at);
                            break;
                        }

                        var from = CurrentOwner(t);
                        t.OwnerIndex = (short)assignee.Index;
                        Emit(t, prefix.Action(i), at, DecisionKind.Assign, assignee, step, occurrence, null, [], $"assigned to {assignee.Name}{(from is null ? "" : $" (was {from.Name})")}");
                        if (assignee.IsEngineering)
                        {
                            MarkEngineeringAssigned(t, at);
                        }
                    }

                    break;
                case EscalateAction escalate:
                    if (Resolve(t, escalate.Owner, at, step) is { } target)
                    {
                        if (target.Index == t.OwnerIndex)
                        {
                            AlreadyTheOwner(t, "escalate to", target, at);
                            break;
                        }

                        var from = CurrentOwner(t);
                        t.OwnerIndex = (short)target.Index;
                        t.Level = (byte)Math.Min(BuiltIns.MaxEscalationLevel, t.Level + 1);
                        t.Set(EventTime.Escalated, at);
                        Emit(t, prefix.Action(i), at, DecisionKind.Escalate, target, step, occurrence, null, [],
                            $"escalated to {target.Name}{(from is null ? "" : $" from {from.Name}")}, level {t.Level}");
                        if (target.IsEngineering)
                        {
                            MarkEngineeringAssigned(t, at);
                        }
                    }

                    break;
                case RemindAction remind:
                    if (Resolve(t, remind.Owner, at, step) is { } reminded)
                    {
                        Emit(t, prefix.Action(i), at, DecisionKind.Remind, reminded, step, occurrence, null, [], "reminder");
                    }

                    break;
                case RequireAction require:
                    var (fields, request) = RequireText(require);
                    Emit(t, prefix.Action(i), at, DecisionKind.RequireFields, CurrentOwner(t), step, occurrence, null, fields, request);
                    break;
                case StopPagingAction:
                    if ((t.Flags & TicketFlags.PagingStopped) != 0)
                    {
                        trace?.Add(at, TraceKind.Skipped, "stop paging: paging is already stopped");
                        break;
                    }

                    var paged = (t.Flags & TicketFlags.Paged) != 0;
                    t.Flags = (t.Flags | TicketFlags.PagingStopped) & ~TicketFlags.Paged;
                    if (!paged)
                    {
                        // Nobody was paged since paging last stopped, so no pager has anything to stop: a decision would be noise.
                        trace?.Add(at, TraceKind.Skipped, "stop paging: no page went out, so nothing is told to stop; later pages go out as notifications");
                        break;
                    }

                    Emit(t, prefix.Action(i), at, DecisionKind.StopPaging, CurrentOwner(t), step, occurrence, null, [], "paging stopped");
                    break;
                case EnterMonitorAction:
                    if ((t.Flags & TicketFlags.Monitoring) != 0 && t.Phase == Machine.TicketPhase.Monitoring)
                    {
                        trace?.Add(at, TraceKind.Skipped, "enter monitor: already in monitor mode");
                        break;
                    }

                    t.Flags |= TicketFlags.Monitoring;
                    FireLifecycle(Policy.Lifecycle.EnterMonitor, at);
                    Emit(t, prefix.Action(i), at, DecisionKind.EnterMonitor, CurrentOwner(t), step, occurrence, null, [], "monitor mode");
                    break;
            }
        }

        NoteActions(t, before);
    }

    /// <summary>
    /// Why a page goes out as a notification (paging stopped, or a page guard does not hold: which one, by its
    /// index), with the decision's text; <see cref="PageDowngrade.None"/> to page.
    /// </summary>
    private (PageDowngrade Downgrade, string? Detail, int Guard) PageDowngradeOf(Ticket t, long at, ImmutableArray<TicketPredicate> rulePageGuards)
    {
        if ((t.Flags & TicketFlags.PagingStopped) != 0)
        {
            return (PageDowngrade.PagingStopped, "page sent as a notification: paging was stopped", -1);
        }

        for (var g = 0; g < Policy.PolicyPageGuards.Length; g++)
        {
            if (!Policy.PolicyPageGuards[g](t, at))
            {
                return (PageDowngrade.PolicyGuard, $"page sent as a notification: page only when {ModelFormatter.Format(Policy.Model.PageGuards[g].When)} does not hold", g);
            }
        }

        for (var g = 0; g < rulePageGuards.Length; g++)
        {
            if (!rulePageGuards[g](t, at))
            {
                return (PageDowngrade.RuleGuard, "page sent as a notification: the rule's `page only when` does not hold", g);
            }
        }

        return (PageDowngrade.None, null, -1);
    }

    /// <summary>
    /// An `assign` or `escalate to` naming the owner that holds the ticket changes nothing. When that owner is engineering,
    /// the policy sends the ticket to engineering explicitly (a rule's `owner security` with `immediately: assign security`):
    /// as an `assigned` event to the holder would, that is the first assignment to engineering.
    /// </summary>
    private void AlreadyTheOwner(Ticket t, string action, OwnerModel owner, long at)
    {
        var first = owner.IsEngineering && !t.Has(EventTime.EngineeringAssigned);
        trace?.Add(at, TraceKind.Skipped, first
            ? $"{action} {owner.Name}: already the owner; it counts as the first assignment to engineering"
            : $"{action} {owner.Name}: already the owner");
        if (first)
        {
            MarkEngineeringAssigned(t, at);
        }
    }

    private OwnerModel? Resolve(Ticket t, OwnerRefModel owner, long at, CompiledStep? step, bool quiet = false) =>
        Resolve(t, CurrentOwner(t), owner, at, step, quiet);

    /// <summary>The owner a reference names when <paramref name="current"/> holds the ticket.</summary>
    private OwnerModel? Resolve(Ticket t, OwnerModel? current, OwnerRefModel owner, long at, CompiledStep? step, bool quiet)
    {
        var resolved = owner switch
        {
            NamedOwnerRef named => named.Owner,
            CurrentOwnerRef => current,
            NextOwnerRef => current?.ReportsTo is { } next ? Policy.Owner(next) : null,
            RoutedOwnerRef routed => RouteOwner(t, routed.Route, at, quiet),
            _ => null,
        };
        if (resolved is null && !quiet)
        {
            // Say why, so that a chain that ends too early shows who holds the ticket.
            var why = owner switch
            {
                NextOwnerRef or CurrentOwnerRef when current is null => ": the ticket has no owner",
                NextOwnerRef => $": {current!.Name} holds the ticket and reports to nobody",
                _ => " for this ticket",
            };
            trace?.Add(at, TraceKind.Skipped, $"{(step is null ? "deescalation" : StepLabel(step))}: {ModelFormatter.Format(owner)} names nobody{why}");
        }

        return resolved;
    }

    /// <summary>
    /// The owner a route picks for the ticket. When no entry lists its value and the default takes it, the trace says
    /// so: a value the policy does not list (a typo, a new category) otherwise showed only as the default's name.
    /// </summary>
    private OwnerModel? RouteOwner(Ticket t, RouteModel route, long at, bool quiet)
    {
        var value = Policy.Access(route.Field).Text(t, Policy);
        if (ValueEntries.Find(route.Field, route.Entries, value) is { } entry)
        {
            return entry.Owner;
        }

        if (!quiet && route.Default is { } fallback)
        {
            trace?.Add(at, TraceKind.Decision, value is null
                ? $"route({route.Field.Name}): {route.Field.Name} is not set, so the route's default, {fallback.Name}"
                : $"route({route.Field.Name}): '{value}' is not listed, so the route's default, {fallback.Name}");
        }

        return route.Default;
    }

    /// <summary>A require action's field names and request text, built once per action.</summary>
    private (string[] Fields, string Request) RequireText(RequireAction require)
    {
        if (!requireTexts.TryGetValue(require, out var text))
        {
            string[] fields = [.. require.Fields.Select(f => f.Name)];
            text = (fields, $"please provide {string.Join(", ", fields)}");
            requireTexts[require] = text;
        }

        return text;
    }

    private OwnerModel? CurrentOwner(Ticket t) => t.OwnerIndex < 0 ? null : Policy.Model.Owners[t.OwnerIndex];

    /// <summary>Records a decision; <paramref name="level"/> is the ticket's escalation level unless given.</summary>
    private void Emit(Ticket t, string id, long at, DecisionKind kind, OwnerModel? owner, CompiledStep? step, int occurrence, SlaComponent? component, IReadOnlyList<string> fields, string detail, byte? level = null,
        PageDowngrade downgrade = PageDowngrade.None, int pageGuard = -1)
    {
        var decision = new Decision(id, t.Id, Instant.FromUnixTimeMilliseconds(at), kind, owner?.Name, step?.Rule.Name, step?.Index ?? -1, occurrence, level ?? t.Level, component, fields, detail)
        {
            Downgrade = downgrade,
            PageGuard = pageGuard,
        };
        output.Add(decision);
        trace?.Add(at, TraceKind.Decision, ExplainText.DecisionText(DecisionKinds.Name(kind), owner?.Name, detail, id));
    }
}
