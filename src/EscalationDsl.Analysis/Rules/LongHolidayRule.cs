using System.Globalization;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL031: a holiday range longer than <see cref="MaxDays"/> days. For that long the calendar has no
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
    public const int MaxDays = 31;

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var calendar in model.Policy.Calendars)
        {
            foreach (var holiday in calendar.Holidays)
            {
                var days = Days(holiday.From, holiday.To);
                if (days > MaxDays)
                {
                    yield return Report(holiday.Span,
                        $"Holiday {Range(holiday.From, holiday.To)} closes calendar '{calendar.Name}' for {days.ToString("N0", CultureInfo.InvariantCulture)} days: "
                        + "business durations on it stand still and `during` it is false that long. " + Advice(holiday));
                }
            }
        }
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
            if (WithYear(holiday.To, year) is { } end && end >= holiday.From && Days(holiday.From, end) <= MaxDays)
            {
                candidates.Add(Range(holiday.From, end));
            }
        }

        foreach (var year in new[] { holiday.To.Year - 1, holiday.To.Year })
        {
            if (WithYear(holiday.From, year) is { } start && start <= holiday.To && Days(start, holiday.To) <= MaxDays)
            {
                candidates.Add(Range(start, holiday.To));
            }
        }

        return candidates.Count == 0
            ? "Check the dates; if the closure is meant, suppress this finding with the reason."
            : $"If a year is mistyped, write {string.Join(" or ", candidates)}.";
    }

    /// <summary>The days of an inclusive range.</summary>
    private static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days + 1;

    /// <summary>The date in another year, or null where it has no such day (29 February).</summary>
    private static LocalDate? WithYear(LocalDate date, int year) =>
        date.Month == 2 && date.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? null : new LocalDate(year, date.Month, date.Day);

    private static string Range(LocalDate from, LocalDate to) => $"{Date(from)}..{Date(to)}";

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
