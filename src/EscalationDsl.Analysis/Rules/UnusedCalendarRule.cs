using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL018: a calendar that measures no business duration and that no rule, severity or <c>during</c> names;
/// and a <c>calendar by</c> block that chooses the calendar of no business duration.
/// </summary>
public sealed class UnusedCalendarRule() : LintRule(
    "ESL018",
    "unused-calendar",
    DiagnosticLevel.Warning,
    "A calendar is declared but measures no business duration and no rule, severity or `during` names it.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var usage = Usage.Of(model.Policy);
        if (model.Policy.CalendarChoice is { } choice && !usage.ChoosesCalendar)
        {
            yield return Report(choice.FieldSpan,
                $"`calendar by {choice.Field.Name}` chooses the calendar of no business duration: every one names its calendar (`on NAME`, or a rule's or severity's `calendar`), or there is none. "
                + "Remove the block, or the calendar names it is meant to replace.");
        }

        foreach (var calendar in model.Policy.Calendars.Where(c => !usage.Calendars.Contains(c.Name)))
        {
            yield return Report(calendar.NameSpan,
                $"Calendar '{calendar.Name}' is declared but no business duration is measured on it and nothing names it. Remove it, or measure a duration on it with `on {calendar.Name}`.");
        }
    }
}
