using System.Globalization;
using EscalationDsl.Runtime.Time;
using NodaTime;
using static EscalationDsl.Runtime.Tests.Time.Calendars;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// Long business-time waits over many pauses against <see cref="ReferenceCalendar"/>'s walk over every interval and
/// pause: a wait of thousands of business hours is found on the calendar's running totals, not walked, so its
/// deadline, its trace (the first and last three stretches, how many lie between and what they count) and a wait of
/// business days with the business time paused inside it must come out as the walk has them. Fixed-seed random
/// instants near DST changes and holidays, pause sets of up to 600 pauses (a pause a day, or at random), and the
/// calendars of <see cref="BusinessCalendarReferenceTests"/>; each calendar is new, so its totals grow both ways.
/// </summary>
public sealed class LongBusinessWaitReferenceTests
{
    private const int CasesPerCalendar = 60;
    private const long SecondMs = 1000;
    private const long DayMs = 86_400_000;

    public static TheoryData<string> CalendarNames => [.. BusinessCalendarReferenceTests.Declarations.Keys];

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void LongWaitsOverManyPausesAgreeWithAWalkOverEveryIntervalAndPause(string name)
    {
        var model = Compile(BusinessCalendarReferenceTests.Declarations[name]).Model;
        var calendar = new BusinessCalendar(model);
        var reference = new ReferenceCalendar(model);
        var random = new Random(name.Length * 104_729 + name[^1]);
        var transitions = model.Zone.GetZoneIntervals(Instant.FromUtc(1995, 1, 1, 0, 0), Instant.FromUtc(2035, 1, 1, 0, 0))
            .Where(i => i.HasStart).Select(i => i.Start.ToUnixTimeMilliseconds()).ToArray();
        var holidays = model.Holidays.Select(h => reference.Map(h.From.AtMidnight())).ToArray();
        var failures = new BusinessCalendarReferenceTests.Disagreements(name);

        for (var i = 0; i < CasesPerCalendar; i++)
        {
            var t = RandomInstant(random, transitions, holidays);
            var whole = false;
            if (random.Next(4) == 0 && reference.NextInterval(t) is { } opening)
            {
                (t, whole) = (opening.Start, true); // whole hours from an opening: deadlines at closing time
            }

            var pauses = ManyPauses(random, t);
            var set = BusinessCalendarReferenceTests.ToPauseSet(pauses);
            var at = $"at {Iso(t)} with {pauses.Count} pauses";

            var minutes = random.Next(5) == 0 ? 1 + random.Next(600) : 600 + random.Next(8000 * 60);
            minutes = whole ? minutes / 60 * 60 : minutes;
            var trace = new List<string>();
            var due = TimeArithmetic.AddBusinessMinutes(t, minutes, calendar, set, trace);
            var (stretches, expected) = reference.Wait(t, minutes * 60_000L, pauses);
            failures.Check(Iso(due), Iso(expected), $"+{minutes} business minutes {at}");
            failures.Check(string.Join("; ", trace), string.Join("; ", TraceOf(calendar, stretches, expected)), $"trace of +{minutes} business minutes {at}");

            var days = 1 + random.Next(random.Next(3) == 0 ? 5 : 900);
            failures.Check(Iso(TimeArithmetic.AddBusinessDays(t, days, calendar, set)), Iso(reference.AddBusinessDays(t, days, pauses)), $"+{days} business days {at}");
        }

        failures.Found.ShouldBeEmpty();
    }

    /// <summary>
    /// The trace docs/runtime.md gives a wait: each stretch, the last from its start only; of more than six, the first
    /// and last three with how many lie between and what they count; a wait the clock stopped says so.
    /// </summary>
    private static IEnumerable<string> TraceOf(BusinessCalendar calendar, List<(long From, long To)> stretches, long? due)
    {
        string Line(int k) => k == stretches.Count - 1 && due is not null
            ? $"{TimeArithmetic.Span(stretches[k].To - stretches[k].From)} from {calendar.Describe(stretches[k].From)}"
            : $"{TimeArithmetic.Span(stretches[k].To - stretches[k].From)} from {calendar.Describe(stretches[k].From)} to {calendar.Describe(stretches[k].To)}";

        var hidden = stretches.Count - 6;
        for (var k = 0; k < stretches.Count; k++)
        {
            if (hidden > 0 && k == 3)
            {
                var ms = stretches.Skip(3).Take(hidden).Sum(s => s.To - s.From);
                yield return hidden == 1
                    ? $"… 1 more stretch of {TimeArithmetic.Span(ms)} …"
                    : string.Create(CultureInfo.InvariantCulture, $"… {hidden} more stretches of {TimeArithmetic.Span(ms)} in all …");
                k += hidden - 1;
                continue;
            }

            yield return Line(k);
        }

        if (due is null)
        {
            yield return "the SLA clock is paused: no deadline until it resumes";
        }
    }

    /// <summary>Mostly whole seconds: in 2024-2030, within days of a zone transition, near a holiday, or anywhere from 1970 to 2060.</summary>
    private static long RandomInstant(Random random, long[] transitions, long[] holidays)
    {
        long Around(long at, long spread) => at + random.NextInt64(-spread, spread);
        var t = random.Next(10) switch
        {
            0 or 1 or 2 when transitions.Length > 0 => Around(transitions[random.Next(transitions.Length)], 3 * DayMs),
            3 when holidays.Length > 0 => Around(holidays[random.Next(holidays.Length)], 4 * DayMs),
            4 or 5 => Around(Ms("2015-01-01T00:00:00Z"), 45L * 365 * DayMs),
            _ => Around(Ms("2027-01-01T00:00:00Z"), 3L * 365 * DayMs),
        };
        return random.Next(5) == 0 ? t : t / SecondMs * SecondMs;
    }

    /// <summary>
    /// None, a few or hundreds of pauses of whole seconds from a few days before <paramref name="at"/>: one a day at
    /// about the same time, or at random gaps and lengths; the last may be open.
    /// </summary>
    private static List<(long From, long To)> ManyPauses(Random random, long at)
    {
        var pauses = new List<(long From, long To)>();
        var count = random.Next(4) switch { 0 => 0, 1 => 1 + random.Next(10), _ => 50 + random.Next(550) };
        var daily = random.Next(2) == 0;
        var cursor = at / SecondMs * SecondMs - SecondMs * random.NextInt64(5 * DayMs / SecondMs);
        for (var i = 0; i < count; i++)
        {
            var from = daily
                ? cursor + DayMs - 3_600_000 + SecondMs * random.NextInt64(2 * 3_600_000 / SecondMs)
                : cursor + SecondMs * (1 + random.NextInt64((random.Next(3) == 0 ? 3 * DayMs : 3_600_000) / SecondMs));
            var open = i == count - 1 && random.Next(5) == 0;
            var length = daily ? 3_600_000 + SecondMs * random.NextInt64(3_600_000 / SecondMs) : SecondMs * (1 + random.NextInt64((random.Next(2) == 0 ? 3_600_000 : 2 * DayMs) / SecondMs));
            pauses.Add((from, open ? long.MaxValue : from + length));
            cursor = from + length;
        }

        return pauses;
    }
}
