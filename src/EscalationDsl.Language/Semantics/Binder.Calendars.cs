using System.Collections.Immutable;
using System.Globalization;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>Calendars: time zones, weekly hours, holidays.</summary>
internal sealed partial class Binder
{
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private void BindCalendars(IEnumerable<CalendarSyntax> syntax)
    {
        foreach (var calendar in syntax)
        {
            if (calendars.TryGetValue(calendar.Name.Name, out var first))
            {
                Duplicate(calendar.Name, "calendar", first.NameSpan);
                continue;
            }

            var zone = ResolveZone(calendar);
            var week = BindWeek(calendar);
            var holidays = calendar.Holidays.Select(BindHoliday).OfType<HolidayModel>().ToImmutableArray();
            if (calendar.Hours.IsEmpty)
            {
                diagnostics.Add(DiagnosticCatalog.CalendarWithoutHoursFound(calendar.Name.Span, calendar.Name.Name));
            }

            var model = new CalendarModel(
                calendar.Name.Name,
                calendar.Zone?.Value ?? "UTC",
                zone ?? DateTimeZone.Utc,
                calendar.IsDefault,
                week,
                holidays,
                calendar.Span,
                calendar.Name.Span);
            calendars[model.Name] = model;

            if (calendar.IsDefault)
            {
                if (defaultCalendar is not null)
                {
                    diagnostics.Add(DiagnosticCatalog.MultipleDefaultCalendarsFound(calendar.Name.Span, model.Name, defaultCalendar.Name));
                }
                else
                {
                    defaultCalendar = model;
                }
            }
        }

        if (defaultCalendar is null && calendars.Count == 1)
        {
            defaultCalendar = calendars.Values.Single();
        }
    }

    private DateTimeZone? ResolveZone(CalendarSyntax calendar)
    {
        if (calendar.Zone is not { } zone)
        {
            return null;
        }

        var found = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Value);
        if (found is null)
        {
            diagnostics.Add(DiagnosticCatalog.UnknownTimeZoneFound(zone.Span, zone.Value));
        }

        return found;
    }

    private ImmutableArray<ImmutableArray<BusinessHoursRange>> BindWeek(CalendarSyntax calendar)
    {
        var days = Enumerable.Range(0, 7).Select(_ => new List<(BusinessHoursRange Range, TextSpan Span)>()).ToArray();
        foreach (var hours in calendar.Hours)
        {
            var dayIndexes = hours.Days.SelectMany(ExpandDays).Distinct().ToList();
            foreach (var rangeSyntax in hours.Ranges)
            {
                if (BindRange(rangeSyntax) is not { } range)
                {
                    continue;
                }

                // One report per range and the range it clashes with, naming every day of the clash:
                // a lunch break written as a range inside mon..fri is one mistake, not five.
                var clashes = new List<(int Day, BusinessHoursRange Range, TextSpan Span)>();
                foreach (var day in dayIndexes)
                {
                    var clash = days[day].FirstOrDefault(r => r.Range.StartMinute < range.EndMinute && range.StartMinute < r.Range.EndMinute);
                    if (clash != default)
                    {
                        clashes.Add((day, clash.Range, clash.Span));
                        continue;
                    }

                    days[day].Add((range, rangeSyntax.Span));
                }

                foreach (var group in clashes.GroupBy(c => (c.Range, c.Span)))
                {
                    diagnostics.Add(DiagnosticCatalog.OverlappingHoursFound(rangeSyntax.Span, [.. group.Select(c => DayNames[c.Day])], range.ToString(), group.Key.Range.ToString(), Line(group.Key.Span)));
                }
            }
        }

        return [.. days.Select(d => d.Select(r => r.Range).OrderBy(r => r.StartMinute).ToImmutableArray())];
    }

    private IEnumerable<int> ExpandDays(DayRangeSyntax range)
    {
        var from = Weekday(range.From);
        if (from is null)
        {
            yield break;
        }

        if (range.To is null)
        {
            yield return from.Value;
            yield break;
        }

        var to = Weekday(range.To);
        if (to is null)
        {
            yield break;
        }

        // mon..fri, and also fri..mon across the weekend.
        for (var day = from.Value; ; day = (day + 1) % 7)
        {
            yield return day;
            if (day == to.Value)
            {
                yield break;
            }
        }
    }

    private int? Weekday(IdentifierSyntax name)
    {
        var index = Array.IndexOf(DayNames, name.Name);
        if (index >= 0)
        {
            return index;
        }

        diagnostics.Add(DiagnosticCatalog.UnknownWeekdayFound(name.Span, name.Name, DayNames));
        return null;
    }

    private BusinessHoursRange? BindRange(TimeRangeSyntax range)
    {
        var from = MinuteOfDay(range.From);
        var to = MinuteOfDay(range.To);
        if (from is null || to is null)
        {
            return null;
        }

        if (to <= from)
        {
            diagnostics.Add(DiagnosticCatalog.EmptyHoursRangeFound(range.Span, range.From.Text, range.To.Text));
            return null;
        }

        return new BusinessHoursRange(from.Value, to.Value);
    }

    private int? MinuteOfDay(LiteralTokenSyntax time)
    {
        var parts = time.Text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            && minute < 60
            && (hour < 24 || hour == 24 && minute == 0))
        {
            return hour * 60 + minute;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidTimeOfDayFound(time.Span, time.Text));
        return null;
    }

    private HolidayModel? BindHoliday(HolidaySyntax holiday)
    {
        var from = ParseDate(holiday.From);
        var to = holiday.To is null ? from : ParseDate(holiday.To);
        if (from is null || to is null)
        {
            return null;
        }

        if (to < from)
        {
            diagnostics.Add(DiagnosticCatalog.HolidayRangeReversedFound(holiday.From.Span.Cover(holiday.To!.Span), holiday.From.Text, holiday.To.Text, OverNewYear(from.Value, to.Value)));
            return null;
        }

        return new HolidayModel(from.Value, to.Value, holiday.Label?.Value, holiday.Span);
    }

    /// <summary>
    /// A reversed range read as one over the new year with the end's year left as the start's
    /// (<c>2026-12-24..2026-01-02</c> for <c>2026-12-24..2027-01-02</c>), when that lasts a month or less.
    /// </summary>
    private static string? OverNewYear(LocalDate from, LocalDate to) =>
        to.Year == from.Year && HolidayDates.InYear(to, to.Year + 1) is { } end && HolidayDates.Days(from, end) <= HolidayDates.MonthDays
            ? HolidayDates.Range(from, end)
            : null;

    private LocalDate? ParseDate(LiteralTokenSyntax date)
    {
        var result = DatePattern.Parse(date.Text);
        if (result.Success)
        {
            return result.Value;
        }

        diagnostics.Add(DiagnosticCatalog.InvalidDateFound(date.Span, date.Text));
        return null;
    }

    private CalendarModel? ResolveCalendar(IdentifierSyntax name)
    {
        if (calendars.TryGetValue(name.Name, out var calendar))
        {
            return calendar;
        }

        diagnostics.Add(DiagnosticCatalog.UndefinedCalendarFound(name.Span, name.Name, calendars.Keys));
        return null;
    }
}
