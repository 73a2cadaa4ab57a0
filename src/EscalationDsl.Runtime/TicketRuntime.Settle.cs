using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>
/// After the policy's own actions. A step's or deescalation's actions change what rule selectors and
/// deescalation conditions read (<c>owner</c>, <c>escalation_level</c>, <c>monitoring</c>, stopped
/// paging), so after an event or a deadline round the deescalations and the rules are evaluated again
/// until the ticket stops changing: a rule <c>when not monitoring</c> stops when a deescalation enters
/// monitor mode, a rule <c>when escalation_level &gt; 0</c> starts when a step escalates, then and not
/// at the ticket's next event. An <c>on monitoring</c> step fires after the rules are evaluated, so a
/// rule that starts because of monitor mode fires its own, as an <c>on FLAG</c> step follows its event.
/// </summary>
public sealed partial class TicketRuntime
{
    /// <summary>
    /// How many times the rules and deescalations are evaluated again at one instant, at most: a policy whose
    /// actions keep changing what its own conditions read (a rule escalates, a deescalation hands the ticket
    /// back, ...) stops there rather than looping, and the trace says so. Public for the linter, which finds such
    /// policies (ESL032).
    /// </summary>
    public const int MaxSettlePasses = 4;

    /// <summary>Actions changed what conditions read since the rules were last evaluated.</summary>
    private bool acted;

    /// <summary>An action put the ticket in monitor mode: the `on monitoring` steps have not reacted yet.</summary>
    private bool enteredMonitor;

    /// <summary>What the policy's own actions change and conditions read.</summary>
    private readonly record struct ReadState(short Owner, byte Level, TicketFlags Modes)
    {
        public static ReadState Of(Ticket t) => new(t.OwnerIndex, t.Level, t.Flags & (TicketFlags.Monitoring | TicketFlags.PagingStopped));
    }

    /// <summary>Notes what a run of actions changed, for <see cref="SettleAfterActions"/>.</summary>
    private void NoteActions(Ticket t, ReadState before)
    {
        var after = ReadState.Of(t);
        if (after != before)
        {
            acted = true;
            enteredMonitor |= (before.Modes & TicketFlags.Monitoring) == 0 && (after.Modes & TicketFlags.Monitoring) != 0;
        }
    }

    /// <summary>
    /// The deescalations, and then, while the policy's own actions keep changing the ticket, the rules,
    /// the `on monitoring` steps and the deescalations again (at most <see cref="MaxSettlePasses"/> passes).
    /// </summary>
    private void SettleAfterActions(Ticket t, SeverityLayout layout, long at)
    {
        UpdateDeescalations(t, layout, at);
        for (var pass = 0; (acted || enteredMonitor) && !t.IsDone; pass++)
        {
            if (pass == MaxSettlePasses)
            {
                trace?.Add(at, TraceKind.Rule, $"the policy's own actions still change the ticket after {MaxSettlePasses} evaluations of the rules and deescalations at this instant, so no more are made (do a rule and a deescalation undo each other?)");
                break;
            }

            acted = false;
            UpdateRules(t, layout, at);
            if (enteredMonitor)
            {
                enteredMonitor = false;
                ReactToMonitoring(t, at);
            }

            UpdateDeescalations(t, layout, at);
        }

        acted = enteredMonitor = false;
    }

    /// <summary>`on monitoring`: the policy's own `enter monitor` (a step's or a deescalation's) raised the flag.</summary>
    private void ReactToMonitoring(Ticket t, long at)
    {
        var before = ReadState.Of(t);
        foreach (var rule in Policy.Layout(t).Rules)
        {
            foreach (var step in rule.Steps)
            {
                if (step.Step is { Kind: StepKind.On, OnMonitoring: true } && t.Clock[rule.StartSlot] != Ticket.Never)
                {
                    if (!StillApplies(t, rule, step.Step, before, at))
                    {
                        continue;
                    }

                    FireOnStep(t, step, at);
                }
            }
        }
    }
}
