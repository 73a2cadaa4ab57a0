using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>Describing a ticket with what its pending steps' due times would do if no event came before then.</summary>
public sealed partial class TicketRuntime
{
    /// <summary>
    /// A readable copy of the ticket's state in which each pending
    /// step that its due time would skip, if no event came before then, says why
    /// (<see cref="ClockSnapshot.SkipReason"/>), as does the update cadence whose due time would count no missed update. A copy of the ticket is run forward with no events, deadline
    /// by deadline until every pending step's fate is known (at most <see cref="MaxForecastRuns"/> runs), by
    /// this runtime as it runs the ticket itself, so the policy's own
    /// actions until then (earlier steps, deescalations, rechecks of time-dependent conditions, rules that
    /// stop) count; the ticket itself is not changed, and the copy's decisions are thrown away.
    /// </summary>
    public TicketSnapshot Describe(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return Policy.Describe(ticket, Forecast(ticket));
    }

    /// <summary>
    /// The most deadline runs a forecast makes: a step whose fate is not known by then (one due after a thousand
    /// ticks of another step) is not marked.
    /// </summary>
    public const int MaxForecastRuns = 1000;

    /// <summary>The forecast's trace, which holds each step's fate and the update cadence's; null when neither is pending.</summary>
    private ExplainTrace? Forecast(Ticket ticket)
    {
        var latest = long.MinValue;
        var pending = new List<CompiledStep>();
        var cadence = false;
        if (ticket.Clock.Length > 0)
        {
            var layout = Policy.Layout(ticket);

            // The update cadence's next due time: a missed update, or its `until` ends it.
            if (layout.CadenceDueSlot >= 0 && ticket.Clock[layout.CadenceDueSlot] != Ticket.NoDue)
            {
                latest = ticket.FromOffset(ticket.Clock[layout.CadenceDueSlot]);
                cadence = true;
            }

            foreach (var rule in layout.Rules)
            {
                foreach (var step in rule.Steps)
                {
                    // A parked step's tick is not kept up to date (and not shown); an inactive rule's steps have none.
                    if (step.DueSlot >= 0 && ticket.Clock[step.DueSlot] != Ticket.NoDue && (ticket.Clock[step.MetaSlot] & StepSlot.Parked) == 0 && ticket.Clock[rule.StartSlot] != Ticket.Never)
                    {
                        latest = Math.Max(latest, ticket.FromOffset(ticket.Clock[step.DueSlot]));
                        pending.Add(step.Step);
                    }
                }
            }
        }

        if (latest == long.MinValue)
        {
            return null;
        }

        // Deadline by deadline, until every pending step's fate is known: an `every 1m` step beside an
        // `after 4w` one would otherwise run some 40,000 rounds, and the engine describes a ticket on its loop.
        var forecast = new ExplainTrace();
        forecast.RecordFates();
        var copy = ticket.Clone();
        var decisions = new List<Decision>();
        var paused = (copy.Flags & TicketFlags.Paused) != 0;
        for (var runs = 0; runs < MaxForecastRuns && !(pending.TrueForAll(forecast.Decided) && (!cadence || forecast.CadenceDecided)) && copy.NextDeadlineMs is { } next && next <= latest; runs++)
        {
            AdvanceTo(copy, Instant.FromUnixTimeMilliseconds(next), decisions, forecast);
            decisions.Clear();

            // A pause that starts before a step's turn (time, for `pause sla while not during business`, or the
            // policy's own `enter monitor` for `pause sla while monitoring`) stops its wait: it is not due then,
            // even when the pause ends before the forecast does and the step fires later. A step the runtime
            // decided at the instant the pause starts keeps its fate. (A step that waits through a pause that
            // already holds is listed as paused, not pending.)
            var pausedNow = (copy.Flags & TicketFlags.Paused) != 0;
            if (pausedNow && !paused)
            {
                var reason = $"an SLA pause starts before then (pause sla while {PauseThatHolds(copy, next)})";
                foreach (var step in pending)
                {
                    forecast.StepPaused(step, reason);
                }

                forecast.CadencePaused(reason);

                break;
            }

            paused = pausedNow;
        }

        return forecast;
    }
}
