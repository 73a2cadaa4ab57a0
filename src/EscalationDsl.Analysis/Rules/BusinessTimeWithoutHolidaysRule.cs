using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL022: business durations are measured on a calendar that lists no holidays, so on a public holiday
/// the business clock runs as on any working day. Reported once per calendar.
/// </summary>
public sealed class BusinessTimeWithoutHolidaysRule() : LintRule(
    "ESL022",
    "business-time-without-holidays",
    DiagnosticLevel.Info,
    "Business durations are measured on a calendar that lists no holidays.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var durations = ModelWalker.Durations(model.Policy).OfType<BusinessDuration>().ToList();
        foreach (var calendar in model.Policy.Calendars.Where(c => c.Holidays.IsEmpty))
        {
            var first = durations.Where(d => d.Calendars.Any(c => c.Name == calendar.Name)).OrderBy(d => d.Span.Start).FirstOrDefault();
            if (first is not null)
            {
                yield return Report(calendar.NameSpan,
                    $"Calendar '{calendar.Name}' lists no holidays, but business time is measured on it ('{first.Text}' on line {SyntaxIndex.Line(model, first.Span)}): on public holidays its clock runs as on a working day. Add `holiday DATE \"name\"` lines.");
            }
        }
    }
}
