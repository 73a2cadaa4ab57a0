using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Time;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Runtime;

/// <summary>Computing one deadline (with its trace), and the deadline for time-dependent conditions.</summary>
public sealed partial class TicketRuntime
{
    /// <summary>
    /// Computes a deadline as a ticket offset, honouring the ticket's pauses; traces the arithmetic,
    /// unless <paramref name="label"/> is null (a parked step's deadlines, which wake nothing).
    /// </summary>
    private int Due(Ticket t, long startMs, DurationModel duration, BusinessCalendar? calendar, DeadlineLabel? label)
    {
        List<string>? steps = trace is null || label is null ? null : [];
        calendar = Policy.CalendarFor(t, duration, calendar);
        var due = TimeArithmetic.Add(startMs, duration, calendar, t.Pauses, steps);
        if (trace is not null && steps is not null)
        {
            var when = due is { } d ? Iso(d) : "not scheduled";
            var detail = steps.Count > 0 ? " [" + string.Join("; ", steps) + "]" : string.Empty;
            var measured = duration is BusinessDuration { ChosenBy: { } choice } chosen
                ? $"{ModelFormatter.FormatOn(chosen, calendar!.Name)} ({ChosenFor(t, choice)})"
                : ModelFormatter.Format(duration);
            trace.Add(currentNow, TraceKind.Deadline, $"{label}: {Iso(startMs)} + {measured} = {when}{detail}");
        }

        return due is { } value ? t.ToDueOffset(value) : Ticket.NoDue;
    }

    /// <summary>The ticket's value that chose a calendar, as the trace gives it: <c>calendar by customer: acme</c>, <c>calendar by customer: no value</c>.</summary>
    private string ChosenFor(Ticket t, CalendarChoiceModel choice) =>
        Policy.Access(choice.Field).Text(t, Policy) is { Length: > 0 } value
            ? $"calendar by {choice.Field.Name}: {ModelFormatter.FormatValue(value)}"
            : $"calendar by {choice.Field.Name}: no value";

    /// <summary>
    /// An instant as the trace gives it. The ticket counts whole seconds from its creation, so a ticket
    /// created within a second has its deadlines there too: the fraction is shown, not dropped.
    /// </summary>
    private static string Iso(long ms) => NodaTime.Instant.FromUnixTimeMilliseconds(ms).ToString(
        ms % 1000 == 0 ? "uuuu-MM-dd'T'HH:mm:ss'Z'" : "uuuu-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Sets the next instant at which time alone may change a rule selector, deescalation or pause
    /// condition, so it is evaluated then and not only at the next event or deadline.
    /// </summary>
    private void ScheduleRecheck(Ticket t, Compilation.SeverityLayout layout, long at)
    {
        if (layout.RecheckSlot >= 0)
        {
            t.Clock[layout.RecheckSlot] = !t.IsDone && layout.Recheck!(t, at) is { } wake ? t.ToDueOffset(wake) : Ticket.NoDue;
        }
    }

    /// <summary>What a deadline is for, in the trace; the text is built only when a trace is recorded.</summary>
    private readonly record struct DeadlineLabel(CompiledStep? ForStep, SlaComponent? ForSla, string? Fixed, string? Suffix = null, string? Detail = null, string? Close = null)
    {
        public static DeadlineLabel Step(CompiledStep step, string? suffix = null, string? detail = null, string? close = null) => new(step, null, null, suffix, detail, close);

        public static DeadlineLabel Sla(SlaComponent component, string what) => new(null, component, null, " " + what);

        public static DeadlineLabel Text(string text) => new(null, null, text);

        public override string ToString() =>
            (ForStep is not null ? StepLabel(ForStep) : ForSla is { } c ? $"SLA {ModelFormatter.Format(c)}" : Fixed) + Suffix + Detail + Close;
    }
}
