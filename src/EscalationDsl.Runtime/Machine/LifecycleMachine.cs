using EscalationDsl.Runtime.Compilation;
using Stateless;

namespace EscalationDsl.Runtime.Machine;

/// <summary>
/// Configures the Stateless lifecycle machine of a compiled policy. The runtime configures one per
/// <see cref="TicketRuntime"/> (the state lives in the ticket record, reached through the
/// accessor and mutator); graph export configures one the same way, so graphs show exactly what runs.
/// </summary>
internal static class LifecycleMachine
{
    public static readonly TicketPhase[] Active =
        [TicketPhase.Open, TicketPhase.Acknowledged, TicketPhase.Assigned, TicketPhase.Escalated, TicketPhase.Mitigated, TicketPhase.Monitoring];

    /// <param name="accessor">Reads the current ticket's phase.</param>
    /// <param name="mutator">Writes it.</param>
    /// <param name="policy">The compiled policy.</param>
    /// <param name="guard">The required-fields guard of a step (null for steps without guards).</param>
    /// <param name="onlyRule">Configure only this rule's steps (graph of one rule), or all.</param>
    public static StateMachine<TicketPhase, LifecycleTrigger> Create(
        Func<TicketPhase> accessor,
        Action<TicketPhase> mutator,
        CompiledPolicy policy,
        Func<CompiledStep, Func<bool>> guard,
        string? onlyRule = null)
    {
        var m = new StateMachine<TicketPhase, LifecycleTrigger>(accessor, mutator);
        var t = policy.Lifecycle;

        m.Configure(TicketPhase.Open)
            .Permit(t.Acknowledge, TicketPhase.Acknowledged)
            .Permit(t.AssignEngineering, TicketPhase.Assigned)
            .Permit(t.Mitigate, TicketPhase.Mitigated)
            .Permit(t.EnterMonitor, TicketPhase.Monitoring)
            .Permit(t.Resolve, TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed)
            .Ignore(t.Reopen);
        m.Configure(TicketPhase.Acknowledged)
            .Ignore(t.Acknowledge)
            .Permit(t.AssignEngineering, TicketPhase.Assigned)
            .Permit(t.Mitigate, TicketPhase.Mitigated)
            .Permit(t.EnterMonitor, TicketPhase.Monitoring)
            .Permit(t.Resolve, TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed)
            .Ignore(t.Reopen);
        foreach (var phase in new[] { TicketPhase.Assigned, TicketPhase.Escalated })
        {
            m.Configure(phase)
                .Ignore(t.Acknowledge)
                .Ignore(t.AssignEngineering)
                .Permit(t.Mitigate, TicketPhase.Mitigated)
                .Permit(t.EnterMonitor, TicketPhase.Monitoring)
                .Permit(t.Resolve, TicketPhase.Resolved)
                .Permit(t.Close, TicketPhase.Closed)
                .Ignore(t.Reopen);
        }

        m.Configure(TicketPhase.Mitigated)
            .Ignore(t.Acknowledge)
            .Ignore(t.AssignEngineering)
            .Ignore(t.Mitigate)
            .Permit(t.EnterMonitor, TicketPhase.Monitoring)
            .Permit(t.Resolve, TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed)
            .Ignore(t.Reopen);
        m.Configure(TicketPhase.Monitoring)
            .Ignore(t.Acknowledge)
            .Ignore(t.AssignEngineering)
            .Ignore(t.Mitigate)
            .Ignore(t.EnterMonitor)
            .Permit(t.Resolve, TicketPhase.Resolved)
            .Permit(t.Close, TicketPhase.Closed)
            .Ignore(t.Reopen);
        m.Configure(TicketPhase.Resolved)
            .Ignore(t.Acknowledge)
            .Ignore(t.AssignEngineering)
            .Ignore(t.Mitigate)
            .Ignore(t.EnterMonitor)
            .Ignore(t.Resolve)
            .Permit(t.Close, TicketPhase.Closed)
            .Permit(t.Reopen, TicketPhase.Open);
        m.Configure(TicketPhase.Closed)
            .Ignore(t.Acknowledge)
            .Ignore(t.AssignEngineering)
            .Ignore(t.Mitigate)
            .Ignore(t.EnterMonitor)
            .Ignore(t.Resolve)
            .Ignore(t.Close)
            .Permit(t.Reopen, TicketPhase.Open);

        foreach (var rule in policy.Rules)
        {
            if (onlyRule is not null && rule.Name != onlyRule)
            {
                continue;
            }

            foreach (var step in rule.Steps)
            {
                ConfigureStep(m, step, step.Guards.IsEmpty || !step.Escalates ? null : guard(step));
            }
        }

        return m;
    }

    private static void ConfigureStep(StateMachine<TicketPhase, LifecycleTrigger> m, CompiledStep step, Func<bool>? guard)
    {
        var monitors = step.Actions.Any(a => a is Language.Semantics.EnterMonitorAction);
        foreach (var phase in Active)
        {
            var config = m.Configure(phase);
            if (step.Escalates)
            {
                // Escalation leaves every active phase for Escalated, unless required fields are missing.
                if (phase == TicketPhase.Escalated)
                {
                    if (guard is null)
                    {
                        config.PermitReentry(step.Trigger);
                    }
                    else
                    {
                        config.PermitReentryIf(step.Trigger, guard, step.GuardDescription);
                    }
                }
                else if (guard is null)
                {
                    config.Permit(step.Trigger, TicketPhase.Escalated);
                }
                else
                {
                    config.PermitIf(step.Trigger, TicketPhase.Escalated, guard, step.GuardDescription);
                }
            }
            else if (monitors && phase != TicketPhase.Monitoring)
            {
                config.Permit(step.Trigger, TicketPhase.Monitoring);
            }
            else
            {
                config.InternalTransition(step.Trigger, static _ => { });
            }
        }

        m.Configure(TicketPhase.Resolved).Ignore(step.Trigger);
        m.Configure(TicketPhase.Closed).Ignore(step.Trigger);
    }
}
