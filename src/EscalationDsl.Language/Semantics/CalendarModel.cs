using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A business-hours calendar in one IANA time zone.</summary>
/// <param name="Name">The calendar's name.</param>
/// <param name="ZoneId">The IANA zone id as written.</param>
/// <param name="Zone">The resolved zone (TZDB).</param>
/// <param name="IsDefault">Whether business durations use it when nothing else applies.</param>
/// <param name="Week">Business hours for each ISO weekday: index 0 is Monday, 6 is Sunday.</param>
/// <param name="Holidays">Days without business hours.</param>
/// <param name="Span">The declaration.</param>
/// <param name="NameSpan">The name.</param>
public sealed record CalendarModel(
    string Name,
    string ZoneId,
    DateTimeZone Zone,
    bool IsDefault,
    ImmutableArray<ImmutableArray<BusinessHoursRange>> Week,
    ImmutableArray<HolidayModel> Holidays,
    TextSpan Span,
    TextSpan NameSpan)
{
    /// <summary>The business hours on a weekday.</summary>
    public ImmutableArray<BusinessHoursRange> HoursOn(IsoDayOfWeek day) => Week[(int)day - 1];

    /// <summary>True when the date falls in a holiday.</summary>
    public bool IsHoliday(LocalDate date)
    {
        foreach (var holiday in Holidays)
        {
            if (date >= holiday.From && date <= holiday.To)
            {
                return true;
            }
        }

        return false;
    }
}
