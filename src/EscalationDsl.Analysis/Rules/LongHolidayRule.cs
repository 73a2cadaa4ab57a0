using System.Globalization;
using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL031: a holiday range, or ranges back to back, longer than <see cref="MaxDays"/> days, on a calendar
/// something measures on or names. For that long the calendar has no
/// business hours: business durations on it stand still and `during` it is false, with no sign at run
/// time but deadlines that are not scheduled. The usual cause is a mistyped year
/// (`2026-12-24..2027-12-31`); when one year fixes it, the message offers the range with it.
/// </summary>
public sealed class LongHolidayRule() : LintRule(
    "ESL031",
    "long-holiday",
    DiagnosticLevel.Warning,
    "A holiday range closes its calendar for more than a month.")
{
    /// <summary>The longest holiday range, in days, that is not reported.</summary>
    public const int MaxDays = HolidayDates.MonthDays;

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        // A calendar nothing measures on or names is ESL018's; its closures stop nothing.
        var used = Usage.Of(model.Policy).Calendars;
        foreach (var calendar in model.Policy.Calendars.Where(c => used.Contains(c.Name)))
        {
            foreach (var closure in Closures(calendar))
            {
                var end = closure.Max(h => h.To);
                var days = HolidayDates.Days(closure[0].From, end);
                if (days <= MaxDays)
                {
                    continue;
                }

                var count = days.ToString("N0", CultureInfo.InvariantCulture);
                yield return closure.Count == 1
                    ? Report(closure[0].Span,
                        $"Holiday {HolidayDates.Range(closure[0].From, closure[0].To)} closes calendar '{calendar.Name}' for {count} days: "
                        + "business durations on it stand still and `during` it is false that long. " + Advice(closure[0]))
                    : Report(closure[0].Span,
                        $"Holidays from {HolidayDates.Date(closure[0].From)} to {HolidayDates.Date(end)}, {closure.Count} ranges back to back (lines {SyntaxIndex.Line(model, closure[0].Span)} to {SyntaxIndex.Line(model, closure[^1].Span)}), "
                        + $"close calendar '{calendar.Name}' for {count} days: business durations on it stand still and `during` it is false that long. "
                        + "Check the dates; if the closure is meant, suppress this finding with the reason.");
            }
        }
    }

    /// <summary>The calendar's holidays in date order, those that overlap or follow each other without a day between taken together.</summary>
    private static List<List<HolidayModel>> Closures(CalendarModel calendar)
    {
        var closures = new List<List<HolidayModel>>();
        foreach (var holiday in calendar.Holidays.OrderBy(h => h.From))
        {
            if (closures.Count > 0 && holiday.From <= closures[^1].Max(h => h.To).PlusDays(1))
            {
                closures[^1].Add(holiday);
            }
            else
            {
                closures.Add([holiday]);
            }
        }

        return closures;
    }

    /// <summary>
    /// The ranges one changed year gives, that end in the start's year or the next or start in the
    /// end's year or the one before, when they last a month or less.
    /// </summary>
    private static string Advice(HolidayModel holiday)
    {
        var candidates = new List<string>(2);
        foreach (var year in new[] { holiday.From.Year, holiday.From.Year + 1 })
        {
            if (HolidayDates.InYear(holiday.To, year) is { } end && end >= holiday.From && HolidayDates.Days(holiday.From, end) <= MaxDays)
            {
                candidates.Add(HolidayDates.Range(holiday.From, end));
            }
        }

        foreach (var year in new[] { holiday.To.Year - 1, holiday.To.Year })
        {
            if (HolidayDates.InYear(holiday.From, year) is { } start && start <= holiday.To && HolidayDates.Days(start, holiday.To) <= MaxDays)
            {
                candidates.Add(HolidayDates.Range(start, holiday.To));
            }
        }

        return candidates.Count == 0
            ? "Check the dates; if the closure is meant, suppress this finding with the reason."
            : $"If a year is mistyped, write {string.Join(" or ", candidates)}.";
    }
}
