using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// Compares policy durations only where the answer is certain. Wall-clock time compares with
/// wall-clock time. Business time on one calendar compares with business time on the same calendar
/// (a business day counts as at least its calendar's shortest and at most its longest business day).
/// Business time is never shorter than the same amount of wall-clock time, so a business duration
/// can be certainly longer than a wall-clock one, but never certainly shorter: nights, weekends and
/// holidays make it arbitrarily long. Everything else is "unknown", and the callers then report nothing.
/// </summary>
internal static class DurationBounds
{
    private const long MinuteMs = 60_000;

    /// <summary>The zero duration of `immediately`.</summary>
    public static readonly DurationModel Zero = new WallClockDuration(Duration.Zero, "0m", default);

    /// <summary>True when <paramref name="a"/> is longer than <paramref name="b"/> whatever the calendar does.</summary>
    public static bool IsCertainlyLonger(DurationModel a, DurationModel b)
    {
        switch (a, b)
        {
            case (WallClockDuration x, WallClockDuration y):
                return x.Value > y.Value;
            case (BusinessDuration x, BusinessDuration y) when SameCalendar(x, y):
                return BusinessRange(x).Min > BusinessRange(y).Max;
            case (BusinessDuration x, WallClockDuration y):
                // Business time passes at wall-clock speed during business hours and not at all outside them.
                return BusinessRange(x).Min > (long)y.Value.TotalMilliseconds;
            default:
                return false;
        }
    }

    /// <summary>True when both durations are the same amount of the same kind of time.</summary>
    public static bool AreSame(DurationModel a, DurationModel b) => (a, b) switch
    {
        (WallClockDuration x, WallClockDuration y) => x.Value == y.Value,
        (BusinessDuration x, BusinessDuration y) => SameCalendar(x, y) && x.Minutes == y.Minutes && x.Days == y.Days,
        _ => false,
    };

    /// <summary>
    /// True when two business durations are measured on the same calendar for every ticket: both on one
    /// fixed calendar, or both on the calendar the policy's <c>calendar by</c> block chooses for the ticket.
    /// </summary>
    private static bool SameCalendar(BusinessDuration x, BusinessDuration y) =>
        (x.ChosenBy is null) == (y.ChosenBy is null) && x.Calendar.Name == y.Calendar.Name;

    /// <summary>True when <paramref name="a"/> certainly ends before <paramref name="b"/> (both counted from the same start).</summary>
    public static bool IsCertainlyShorter(DurationModel a, DurationModel b) => IsCertainlyLonger(b, a);

    /// <summary>
    /// The business milliseconds a business duration spans. Minutes are exact. N business days land on
    /// the same point of the business day N business days later, which spans at least N shortest and at
    /// most N longest business days; an hour either way allows for a daylight saving change inside the hours.
    /// </summary>
    private static (long Min, long Max) BusinessRange(BusinessDuration d)
    {
        if (d.Days == 0)
        {
            var ms = d.Minutes * MinuteMs;
            return (ms, ms);
        }

        // On a calendar chosen per ticket, a day is anywhere between the shortest and longest day of any of them.
        var lengths = d.Calendars.Select(DayLengths).ToList();
        var (shortest, longest) = (lengths.Min(l => l.Shortest), lengths.Max(l => l.Longest));
        return (d.Days * shortest * MinuteMs, d.Days * longest * MinuteMs);
    }

    /// <summary>The shortest and longest business day of the calendar in minutes, with a DST allowance.</summary>
    private static (long Shortest, long Longest) DayLengths(CalendarModel calendar)
    {
        var lengths = calendar.Week
            .Select(day => day.Sum(r => (long)(r.EndMinute - r.StartMinute)))
            .Where(minutes => minutes > 0)
            .ToList();
        if (lengths.Count == 0)
        {
            return (0, long.MaxValue / (MinuteMs * 1000));
        }

        // Daylight saving changes happen at night; hours wholly between 04:00 and 23:00 are never cut short.
        var nightHours = calendar.Week.Any(day => day.Any(r => r.StartMinute < 4 * 60 || r.EndMinute > 23 * 60));
        var allowance = nightHours ? 60 : 0;
        return (Math.Max(0, lengths.Min() - allowance), lengths.Max() + allowance);
    }
}
