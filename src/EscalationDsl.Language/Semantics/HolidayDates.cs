using System.Globalization;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Date arithmetic on holiday ranges that the messages about them share: ESC2028's range over the new
/// year and ESL031's long ranges and mistyped years.
/// </summary>
public static class HolidayDates
{
    /// <summary>A month: the longest range ESL031 lets pass, and the longest ESC2028 offers in place of a reversed one.</summary>
    public const int MonthDays = 31;

    /// <summary>The days of an inclusive range.</summary>
    public static int Days(LocalDate from, LocalDate to) => Period.Between(from, to, PeriodUnits.Days).Days + 1;

    /// <summary>The date in another year, or null where that year has no such day (29 February).</summary>
    public static LocalDate? InYear(LocalDate date, int year) =>
        date.Month == 2 && date.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? null : new LocalDate(year, date.Month, date.Day);

    /// <summary>A range as a policy writes it: <c>2026-12-24..2027-01-02</c>.</summary>
    public static string Range(LocalDate from, LocalDate to) => $"{Date(from)}..{Date(to)}";

    /// <summary>A date as a policy writes it: <c>2026-12-24</c>.</summary>
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
