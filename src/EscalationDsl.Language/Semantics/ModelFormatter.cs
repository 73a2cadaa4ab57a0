using System.Globalization;
using System.Text;
using EscalationDsl.Language.Syntax;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Canonical .esc text for pieces of the bound model. Graph labels, the matrix, `esc explain`
/// and the model snapshots all print conditions, triggers and actions through here.
/// </summary>
public static class ModelFormatter
{
    /// <summary>A condition with the fewest parentheses its precedence needs.</summary>
    public static string Format(ConditionModel condition) => Format(condition, 0);

    /// <summary>
    /// A duration in canonical form: <c>15m</c>, <c>1h30m</c>, <c>4 business hours on business</c>, and
    /// <c>4 business hours (calendar by customer)</c> where a <c>calendar by</c> block chooses per ticket.
    /// </summary>
    public static string Format(DurationModel duration) => duration switch
    {
        WallClockDuration w => FormatWallClock(w.Value),
        BusinessDuration { ChosenBy: { } choice } b => $"{BusinessAmount(b)} (calendar by {choice.Field.Name})",
        BusinessDuration b => FormatOn(b, b.Calendar.Name),
        _ => duration.Text,
    };

    /// <summary>A business duration measured on the named calendar: <c>4 business hours on amer</c>.</summary>
    public static string FormatOn(BusinessDuration duration, string calendar) => $"{BusinessAmount(duration)} on {calendar}";

    private static string BusinessAmount(BusinessDuration b) => b switch
    {
        { Days: > 0 } => $"{b.Days} business day{(b.Days == 1 ? "" : "s")}",
        _ when b.Minutes % 60 == 0 => $"{b.Minutes / 60} business hour{(b.Minutes == 60 ? "" : "s")}",
        _ => $"{b.Minutes} business minute{(b.Minutes == 1 ? "" : "s")}",
    };

    /// <summary>Wall-clock time as the largest exact units: <c>2d</c>, <c>1h30m</c>, <c>45m</c>.</summary>
    public static string FormatWallClock(Duration value)
    {
        var minutes = (long)value.TotalMinutes;
        if (minutes == 0)
        {
            return "0m";
        }

        var sb = new StringBuilder();
        foreach (var (size, unit) in new[] { (10080L, 'w'), (1440L, 'd'), (60L, 'h'), (1L, 'm') })
        {
            if (minutes >= size)
            {
                sb.Append((minutes / size).ToString(CultureInfo.InvariantCulture)).Append(unit);
                minutes %= size;
            }
        }

        return sb.ToString();
    }

    /// <summary>A trigger as written in a step, without the colon.</summary>
    public static string Format(TriggerModel trigger) => trigger switch
    {
        AfterTrigger a => $"after {Format(a.Delay)}{(a.Unless is null ? "" : " unless " + Format(a.Unless))}",
        EveryTrigger e => $"every {Format(e.Interval)}"
            + (e.Since is null ? "" : $" since {e.Since.Name}")
            + (e.While is null ? "" : $" while {Format(e.While)}")
            + (e.Cap is null ? "" : $" up to {e.Cap} times"),
        ImmediateTrigger => "immediately",
        OnTrigger o => $"on {(o.Flag?.Name ?? BuiltIns.EventName(o.Event))}{(o.When is null ? "" : " when " + Format(o.When))}",
        _ => trigger.ToString() ?? string.Empty,
    };

    /// <summary>A severity's update cadence as written: <c>update every 1h until contained</c>.</summary>
    public static string Format(UpdateCadenceModel cadence) =>
        $"update every {Format(cadence.Interval)}{(cadence.Until is null ? "" : " until " + Format(cadence.Until))}";

    /// <summary>An action as written.</summary>
    public static string Format(ActionModel action) => action switch
    {
        NotifyAction n => "notify " + string.Join(", ", n.Owners.Select(Format)),
        PageAction p => "page " + string.Join(", ", p.Owners.Select(Format)),
        AssignAction a => "assign " + Format(a.Owner),
        EscalateAction e => "escalate to " + Format(e.Owner),
        RemindAction r => "remind " + Format(r.Owner),
        RequireAction q => "require " + string.Join(", ", q.Fields.Select(f => f.Name)),
        StopPagingAction => "stop paging",
        EnterMonitorAction => "enter monitor",
        _ => action.ToString() ?? string.Empty,
    };

    /// <summary>A step: <c>TRIGGER: ACTION, ACTION</c>.</summary>
    public static string Format(StepModel step) =>
        $"{Format(step.Trigger)}: {string.Join(", ", step.Actions.Select(Format))}";

    /// <summary>
    /// A deescalation's head as written, without its block: <c>deescalate when C</c>. The graph, the
    /// matrix and the explain trace name a deescalation by it, so a reviewer finds it in each.
    /// </summary>
    public static string Heading(DeescalationModel deescalation) => $"deescalate when {Format(deescalation.When)}";

    /// <summary>An owner reference as written.</summary>
    public static string Format(OwnerRefModel owner) => owner switch
    {
        NamedOwnerRef n => n.Owner.Name,
        CurrentOwnerRef => "owner",
        NextOwnerRef => "next",
        RoutedOwnerRef r => $"route({r.Route.Field.Name})",
        _ => owner.ToString() ?? string.Empty,
    };

    /// <summary>The source name of an SLA component: acknowledge, first_update, assign, mitigate, resolve, update.</summary>
    public static string Format(SlaComponent component) => component switch
    {
        SlaComponent.Acknowledge => "acknowledge",
        SlaComponent.FirstUpdate => "first_update",
        SlaComponent.Assign => "assign",
        SlaComponent.Mitigate => "mitigate",
        SlaComponent.Resolve => "resolve",
        _ => "update",
    };

    /// <summary>The source operator of a comparison.</summary>
    public static string Format(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "==",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };

    /// <summary>
    /// A value, quoted when it is not a bare word or number. Line breaks and tabs are written as the
    /// escapes that made them (a string cannot hold a line break), so the text stays on one line:
    /// graph labels, matrix rows and explain's timeline are one line per item.
    /// </summary>
    public static string FormatValue(string value) =>
        value.Length > 0 && (char.IsLetter(value[0]) || value[0] == '_') && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        || value.Length > 0 && value.All(char.IsAsciiDigit)
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    // Precedence: or = 1, and = 2, not = 3, atoms = 4.
    private static string Format(ConditionModel condition, int parent)
    {
        var (text, own) = condition switch
        {
            OrCondition o => ($"{Format(o.Left, 1)} or {Format(o.Right, 1)}", 1),
            AndCondition a => ($"{Format(a.Left, 2)} and {Format(a.Right, 2)}", 2),
            NotCondition n => ($"not {Format(n.Operand, 3)}", 3),
            CompareCondition c => ($"{c.Field.Name} {Format(c.Operator)} {FormatValue(c.Value)}", 4),
            InCondition i => ($"{i.Field.Name} {(i.Negated ? "not in" : "in")} [{string.Join(", ", i.Values.Select(FormatValue))}]", 4),
            OlderCondition o => ($"{o.Field.Name} older than {Format(o.Age)}", 4),
            DuringCondition d => ($"during {d.Calendar.Name}", 4),
            FlagCondition f => (f.Field.Name, 4),
            _ => (condition.ToString() ?? string.Empty, 4),
        };
        return own < parent ? $"({text})" : text;
    }
}
