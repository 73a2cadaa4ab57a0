using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>ESL018: a calendar that measures no business duration and that no rule, severity or <c>during</c> names.</summary>
public sealed class UnusedCalendarRule() : LintRule(
    "ESL018",
    "unused-calendar",
    DiagnosticLevel.Warning,
    "A calendar is declared but measures no business duration and no rule, severity or `during` names it.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var used = Usage.Of(model.Policy).Calendars;
        foreach (var calendar in model.Policy.Calendars.Where(c => !used.Contains(c.Name)))
        {
            yield return Report(calendar.NameSpan,
                $"Calendar '{calendar.Name}' is declared but no business duration is measured on it and nothing names it. Remove it, or measure a duration on it with `on {calendar.Name}`.");
        }
    }
}
