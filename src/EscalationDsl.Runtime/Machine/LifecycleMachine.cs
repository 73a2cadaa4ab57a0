using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using Stateless;

namespace EscalationDsl.Runtime.Machine;

/// <summary>
/// Configures the Stateless lifecycle machine of a compiled policy. The runtime configures one per
/// <see cref="TicketRuntime"/> (the state lives in the ticket record, reached through the
/// accessor and mutator); graph export configures one the same way, so graphs show exactly what runs.
/// Triggers a state does not handle are left unconfigured and are no-ops.
/// </summary>
internal static class LifecycleMachine
{
    /// <param name="accessor">Reads the current ticket's phase.</param>
    /// <param name="mutator">Writes it.</param>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="guard">The required-fields guard of an escalating step.</param>
    /// <param name="onlyRule">Configure only this rule's steps (graph of one rule), or all.</param>
    public static StateMachine<TicketPhase, LifecycleTrigger> Create(
        Func<TicketPhase> accessor,
        Action<TicketPhase> mutator,
        CompiledPolicy policy,
        Func<CompiledStep, Func<bool>> guard,
        string? onlyRule = null)
    {
        var m = new StateMachine<TicketPhase, LifecycleTrigger>(accessor, mutator, FiringMode.Immediate);
        m.OnUnhandledTrigger(static (_, _) => { });
        var t = policy.Lifecycle;

        var active = m.Configure(TicketPhase.Active)
            .Permit(t.Resolve, TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed);

        // Monitoring is reached only by `enter monitor`: a policy that never writes it has no such state
        // (its graph would show a transition that cannot happen).
        var monitors = policy.Model.Deescalations.Any(d => d.Actions.Any(a => a is EnterMonitorAction))
            || policy.Model.Rules.Any(r => r.Steps.Any(s => s.Actions.Any(a => a is EnterMonitorAction)));
        if (monitors)
        {
            active.Permit(t.EnterMonitor, TicketPhase.Monitoring);
        }

        m.Configure(TicketPhase.Open).SubstateOf(TicketPhase.Active)
            .Permit(t.Acknowledge, TicketPhase.Acknowledged)
            .Permit(t.AssignEngineering, TicketPhase.Assigned)
            .Permit(t.Mitigate, TicketPhase.Mitigated);
        m.Configure(TicketPhase.Acknowledged).SubstateOf(TicketPhase.Active)
            .Permit(t.AssignEngineering, TicketPhase.Assigned)
            .Permit(t.Mitigate, TicketPhase.Mitigated);
        m.Configure(TicketPhase.Assigned).SubstateOf(TicketPhase.Active)
            .Permit(t.Mitigate, TicketPhase.Mitigated);
        m.Configure(TicketPhase.Escalated).SubstateOf(TicketPhase.Active)
            .Permit(t.Mitigate, TicketPhase.Mitigated);
        m.Configure(TicketPhase.Mitigated).SubstateOf(TicketPhase.Active);
        if (monitors)
        {
            m.Configure(TicketPhase.Monitoring).SubstateOf(TicketPhase.Active);
        }

        m.Configure(TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed)
            .Permit(t.Reopen, TicketPhase.Open);
        m.Configure(TicketPhase.Closed)
            .Permit(t.Reopen, TicketPhase.Open);

        foreach (var rule in policy.Rules)
        {
            if (onlyRule is not null && rule.Name != onlyRule)
            {
                continue;
            }

            foreach (var step in rule.Steps)
            {
                if (step.Escalates)
                {
                    // Escalation moves to Escalated from any active phase, unless required fields are missing.
                    // The step's actions run after it, or in its place when it does not happen, and may move
                    // the ticket on; the note says where, on a guard that always holds if nothing else guards it.
                    var then = ThenNote(step, policy);
                    if (step.Guards.IsEmpty && then is null)
                    {
                        active.Permit(step.Trigger, TicketPhase.Escalated);
                    }
                    else
                    {
                        var description = string.Join("; ", new[] { step.GuardDescription, then }.OfType<string>());
                        active.PermitIf(step.Trigger, TicketPhase.Escalated, step.Guards.IsEmpty ? static () => true : guard(step), description);
                    }
                }
                else if (step.Actions.Any(a => a is EnterMonitorAction))
                {
                    active.Permit(step.Trigger, TicketPhase.Monitoring);
                }
                else
                {
                    active.InternalTransitionIf(step.Trigger, static _ => true, static _ => { }, InternalStepDescription(step, policy));
                }
            }
        }

        return m;
    }

    /// <summary>
    /// Adds each of the policy's deescalations to a graph's machine, labelled <c>deescalate when C / ACTIONS</c>,
    /// on <see cref="TicketPhase.Active"/> (the runtime checks them in every state but Resolved and Closed),
    /// marked with where its actions leave the ticket as a step's note is: <c>to Monitoring (enter monitor)</c>,
    /// the engineering assignment's mark, or <c>no state change</c>. The runtime does not fire these triggers:
    /// it runs the block's actions, and its <c>enter monitor</c> and engineering assignment fire the lifecycle
    /// triggers configured in <see cref="Create"/>, whose edges the mark names.
    /// </summary>
    /// <remarks>
    /// A block that enters monitor mode is drawn on Active too, not as an edge to Monitoring: beside the
    /// lifecycle edge `enter monitor`, a second edge from Active to Monitoring made Graphviz 2.43 lose the
    /// `reopened` edge from Closed ("Error: lost Closed Open edge") in the shipped policies' graphs.
    /// </remarks>
    public static void AddDeescalations(StateMachine<TicketPhase, LifecycleTrigger> m, CompiledPolicy policy)
    {
        var active = m.Configure(TicketPhase.Active);
        foreach (var deescalation in policy.Model.Deescalations)
        {
            var head = ModelFormatter.Heading(deescalation);
            var trigger = new LifecycleTrigger(LifecycleTriggerKind.Deescalation,
                deescalation.Actions.IsEmpty ? head : $"{head} / {string.Join(", ", deescalation.Actions.Select(ModelFormatter.Format))}");

            // Outside a step an escalation does not make the ticket Escalated (ESL027), but an engineering
            // owner it names fires `engineering assigned` as an assignment does.
            var owners = deescalation.Actions.Select(a => a switch { AssignAction x => x.Owner, EscalateAction x => x.Owner, _ => null }).OfType<OwnerRefModel>();
            var note = deescalation.Actions.Any(a => a is EnterMonitorAction) ? "to Monitoring (enter monitor)"
                : EngineeringAssignment(owners, policy) ?? "no state change";
            active.InternalTransitionIf(trigger, static _ => true, static _ => { }, note);
        }
    }

    /// <summary>
    /// Where an escalating step's own actions take the ticket. Its `enter monitor` runs whether the
    /// escalation happens or not, and moves any active ticket to Monitoring. Its engineering assignment
    /// (<see cref="EngineeringAssignment"/>) moves the ticket only when the escalation does not happen.
    /// </summary>
    private static string? ThenNote(CompiledStep step, CompiledPolicy policy) =>
        step.Actions.Any(a => a is EnterMonitorAction) ? "then to Monitoring (enter monitor)"
        : EngineeringAssignment(Assigned(step), policy) is { } assignment ? "if not escalated: " + assignment
        : null;

    /// <summary>
    /// The bracketed note of a step that stays inside the step's own transition: where its engineering
    /// assignment takes the ticket, or "no state change".
    /// </summary>
    private static string InternalStepDescription(CompiledStep step, CompiledPolicy policy) =>
        EngineeringAssignment(Assigned(step), policy) ?? "no state change";

    /// <summary>The owners a step's <c>assign</c> actions name (its escalation moves the ticket to Escalated itself).</summary>
    private static IEnumerable<OwnerRefModel> Assigned(CompiledStep step) => step.Actions.OfType<AssignAction>().Select(a => a.Owner);

    /// <summary>
    /// Where assigning one of these owners (a step's `assign`, a deescalation's `assign` or `escalate to`)
    /// takes the ticket: its action fires <c>engineering assigned</c>, which moves an Open or Acknowledged
    /// ticket to Assigned (the edges configured above). Null when none is or may be engineering. A step that
    /// escalates leaves Open and Acknowledged before its actions run, so there the assignment moves the
    /// ticket only when the escalation does not happen: when required fields block it, or when it names
    /// nobody new (the owner it names holds the ticket already, or `next` or `route(...)` names nobody),
    /// the step's other actions run all the same. A step that enters monitor mode always leaves first.
    /// </summary>
    private static string? EngineeringAssignment(IEnumerable<OwnerRefModel> owners, CompiledPolicy policy)
    {
        const string toAssigned = "to Assigned from Open or Acknowledged";
        string? maybe = null;
        foreach (var owner in owners)
        {
            switch (owner)
            {
                case NamedOwnerRef { Owner.IsEngineering: true }:
                    return $"{toAssigned} (engineering assigned)";
                case RoutedOwnerRef routed when routed.Route.Entries.Any(e => e.Owner.IsEngineering) || routed.Route.Default?.IsEngineering == true:
                case NextOwnerRef when policy.Model.Owners.Any(o => o.ReportsTo is { } next && policy.Owner(next)?.IsEngineering == true):
                    maybe ??= $"{toAssigned} when {ModelFormatter.Format(owner)} is an engineering owner (engineering assigned)";
                    break;
            }
        }

        return maybe;
    }
}
