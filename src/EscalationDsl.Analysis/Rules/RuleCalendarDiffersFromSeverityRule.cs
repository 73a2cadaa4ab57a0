using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL028: a rule for severities that measure their targets on one calendar waits business time on
/// another, the default one: a rule does not take its severities' calendar (docs/language.md,
/// "Business durations"), so `after 4 business hours` beside `acknowledge within 4 business hours`
/// measures a different four hours. Reported for each business duration of the rule's steps that
/// names no calendar, when the rule names none and every severity it is for names the same one; the
/// duration then falls to the default calendar, or to the one a `calendar by` block chooses per ticket.
/// </summary>
public sealed class RuleCalendarDiffersFromSeverityRule() : LintRule(
    "ESL028",
    "rule-calendar-differs-from-severity",
    DiagnosticLevel.Warning,
    "A rule waits business time on another calendar than the one its severities measure their targets on.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var rule in model.Policy.Rules)
        {
            if (rule.Calendar is not null || rule.AnySeverity || SharedCalendar(rule) is not { } calendar)
            {
                continue;
            }

            foreach (var duration in StepDurations(rule).OfType<BusinessDuration>())
            {
                if (!duration.CalendarNamed && (duration.ChosenBy is not null || duration.Calendar.Name != calendar.Name))
                {
                    var severities = rule.Severities.Length == 1
                        ? $"severity {rule.Severities[0].Name}, which the rule is for, measures its"
                        : $"severities {string.Join(", ", rule.Severities.Select(s => s.Name))}, which the rule is for, measure their";
                    var (measuredOn, keep) = duration.ChosenBy is { } choice
                        ? ($"the calendar `calendar by {choice.Field.Name}` chooses for the ticket", $"to keep the ticket's calendar, suppress this finding with the reason")
                        : ($"the default calendar '{duration.Calendar.Name}'", $"to keep the default, write '{duration.Text} on {duration.Calendar.Name}'");
                    yield return Report(duration.Span,
                        $"'{duration.Text}' is measured on {measuredOn}, but {severities} targets on '{calendar.Name}': "
                        + $"a rule does not take its severities' calendar. Write `calendar {calendar.Name}` in the rule (or '{duration.Text} on {calendar.Name}'); "
                        + $"{keep}.");
                }
            }
        }
    }

    /// <summary>The calendar every severity of the rule names, or null when one names none or they differ.</summary>
    private static CalendarModel? SharedCalendar(RuleModel rule)
    {
        var first = rule.Severities.FirstOrDefault()?.Calendar;
        return first is not null && rule.Severities.All(s => s.Calendar?.Name == first.Name) ? first : null;
    }

    /// <summary>The waits of the rule's steps and the ages of the `older than` conditions in their triggers.</summary>
    private static IEnumerable<DurationModel> StepDurations(RuleModel rule) =>
        ModelWalker.TriggerDurations(rule).Concat(
            rule.Steps.Select(s => ModelWalker.TriggerCondition(s.Trigger)).OfType<ConditionModel>()
                .SelectMany(ModelWalker.Leaves).OfType<OlderCondition>().Select(o => o.Age));
}
