using EscalationDsl.Runtime.Time;
using NodaTime;
using static EscalationDsl.Runtime.Tests.Time.Calendars;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// BusinessCalendar and TimeArithmetic against <see cref="ReferenceCalendar"/>, a naive walk over the
/// zone map, on fixed-seed random instants: around every kind of transition (spring forward, fall back,
/// half-hour DST, transitions at midnight and one minute past it, a skipped day, a day repeated),
/// 1850 to 2300, around 2038-01-19, around holidays, and at the edges of the runtime's table of days.
/// </summary>
public sealed class BusinessCalendarReferenceTests
{
    private const int CasesPerCalendar = 2000;
    private const long SecondMs = 1000;
    private const long DayMs = 86_400_000;

    /// <summary>The first instant each calendar is asked about: its table of days starts 1,024 days before.</summary>
    private static readonly long Anchor = Ms("2026-06-01T12:00:00Z");

    /// <summary>The calendars compared, as declared (also by <see cref="LongBusinessWaitReferenceTests"/>).</summary>
    internal static readonly Dictionary<string, string> Declarations = new()
    {
        ["new-york"] = """
            calendar c "America/New_York" {
                hours mon..fri 09:00-17:00
                holiday 2026-11-26 "Thanksgiving Day"
                holiday 2038-01-19
                holiday 1999-12-31..2000-01-03
            }
            """,
        ["new-york-nights"] = """
            calendar c "America/New_York" {
                hours sat 00:00-02:30, 22:00-24:00
                hours sun 01:30-03:30, 23:00-24:00
                hours mon..fri 08:00-12:00, 13:00-17:00
                holiday 2026-11-01 "fall-back Sunday"
                holiday 2027-03-14 "spring-forward Sunday"
            }
            """,
        ["london"] = """
            calendar c "Europe/London" {
                hours mon..fri 08:00-12:00, 13:00-18:00
                hours sat 00:30-01:30, 10:00-14:00
                holiday 2026-12-25..2026-12-28
            }
            """,
        ["kathmandu"] = """calendar c "Asia/Kathmandu" { hours mon..sun 00:00-02:00, 09:00-17:45 }""",
        ["lord-howe"] = """calendar c "Australia/Lord_Howe" { hours mon..sun 01:00-01:45, 01:45-02:15, 02:15-03:00, 09:00-17:00 }""",
        ["sydney"] = """calendar c "Australia/Sydney" { hours mon..sun 01:30-03:30, 09:00-17:00 holiday 2026-04-05 }""",
        ["st-johns-weekend"] = """
            calendar c "America/St_Johns" {
                hours fri 23:30-24:00
                hours sat..sun 00:00-24:00
                hours mon 00:00-00:30, 09:00-17:00
            }
            """,
        ["st-johns"] = """calendar c "America/St_Johns" { hours mon..fri 09:00-17:00 hours sat 23:00-24:00 hours sun 00:00-00:30 }""",
        ["santiago"] = """calendar c "America/Santiago" { hours mon..sun 00:00-24:00 holiday 2026-09-18..2026-09-19 }""",
        ["beirut"] = """calendar c "Asia/Beirut" { hours mon..sun 00:00-01:00, 08:00-16:00, 23:00-24:00 }""",
        ["apia"] = """calendar c "Pacific/Apia" { hours mon..fri 09:00-17:00 }""",
        ["juneau"] = """calendar c "America/Juneau" { hours mon..sun 00:00-06:00, 12:00-24:00 }""",
        ["singapore-night"] = """
            calendar c "Asia/Singapore" {
                hours mon..fri 22:00-24:00
                hours tue..sat 00:00-06:00
            }
            """,
        ["utc-always"] = """calendar c "UTC" { hours mon..sun 00:00-24:00 }""",
    };

    public static TheoryData<string> CalendarNames => [.. Declarations.Keys];

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void TheCalendarAndItsArithmeticAgreeWithANaiveWalkOverTheZoneMap(string name)
    {
        var model = Compile(Declarations[name]).Model;
        var calendar = new BusinessCalendar(model);
        var reference = new ReferenceCalendar(model);
        calendar.IsOpen(Anchor);

        var random = new Random(name.Length * 7919 + name[0]);
        var transitions = model.Zone.GetZoneIntervals(Instant.FromUtc(1850, 1, 1, 0, 0), Instant.FromUtc(2300, 1, 1, 0, 0))
            .Where(i => i.HasStart).Select(i => i.Start.ToUnixTimeMilliseconds()).ToArray();
        var holidays = model.Holidays.Select(h => reference.Map(h.From.AtMidnight())).ToArray();
        var failures = new Disagreements(name);

        for (var i = 0; i < CasesPerCalendar; i++)
        {
            var t = RandomInstant(random, transitions, holidays);
            var at = $"at {Iso(t)}";
            failures.Check(calendar.IsOpen(t), reference.IsOpen(t), $"IsOpen {at}");
            failures.Check(calendar.NextInterval(t), reference.NextInterval(t), $"NextInterval {at}");

            var date = reference.DateOf(t);
            failures.Check(string.Join(" ", calendar.IntervalsOn(date).Select(Iso)), string.Join(" ", reference.On(date).SelectMany(x => new[] { Iso(x.Start), Iso(x.End) })), $"IntervalsOn {date}");

            var to = t + random.NextInt64(random.Next(2) == 0 ? DayMs : 12 * DayMs);
            failures.Check(calendar.BusinessBetween(t, to), reference.BusinessBetween(t, to), $"BusinessBetween {at} and {Iso(to)}");

            var pauses = random.Next(3) == 0 ? RandomPauses(random, t) : [];
            var set = ToPauseSet(pauses);
            var withPauses = $"{at} with pauses [{string.Join(", ", pauses.Select(p => $"{Iso(p.From)}..{(p.To == long.MaxValue ? "open" : Iso(p.To))}"))}]";

            var minutes = random.Next(3) switch { 0 => 1 + random.Next(60), 1 => 1 + random.Next(600), _ => 1 + random.Next(6000) };
            failures.Check(Iso(TimeArithmetic.AddBusinessMinutes(t, minutes, calendar, set)), Iso(reference.AddBusiness(t, minutes * 60_000L, pauses)), $"+{minutes} business minutes {withPauses}");

            var days = 1 + random.Next(random.Next(4) == 0 ? 30 : 5);
            failures.Check(Iso(TimeArithmetic.AddBusinessDays(t, days, calendar, set)), Iso(reference.AddBusinessDays(t, days, pauses)), $"+{days} business days {withPauses}");
        }

        failures.Found.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void TheCalendarAndItsArithmeticAgreeWithANaiveWalkAroundEveryTransitionFrom1900To2100(string name)
    {
        var model = Compile(Declarations[name]).Model;
        var calendar = new BusinessCalendar(model);
        var reference = new ReferenceCalendar(model);
        var failures = new Disagreements(name);

        foreach (var interval in model.Zone.GetZoneIntervals(Instant.FromUtc(1900, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0)).Where(i => i.HasStart))
        {
            foreach (var minutes in new[] { -61, -59, -30, -1, 0, 1, 30, 59, 61 })
            {
                var t = interval.Start.ToUnixTimeMilliseconds() + minutes * 60_000L;
                var at = $"at {Iso(t)}";
                failures.Check(calendar.IsOpen(t), reference.IsOpen(t), $"IsOpen {at}");
                failures.Check(calendar.NextInterval(t), reference.NextInterval(t), $"NextInterval {at}");
                failures.Check(calendar.BusinessBetween(t, t + DayMs), reference.BusinessBetween(t, t + DayMs), $"BusinessBetween {at} and a day later");
                failures.Check(Iso(TimeArithmetic.AddBusinessMinutes(t, 90, calendar, null)), Iso(reference.AddBusiness(t, 90 * 60_000L, [])), $"+90 business minutes {at}");
                failures.Check(Iso(TimeArithmetic.AddBusinessDays(t, 1, calendar, null)), Iso(reference.AddBusinessDays(t, 1, [])), $"+1 business day {at}");
            }
        }

        failures.Found.ShouldBeEmpty();
    }

    /// <summary>
    /// Mostly whole seconds (as tickets keep them): within days or hours of a zone transition, anywhere from 1850 to 2300,
    /// in 2025-2028, around 2038-01-19, near a holiday, or at the edges of the table of days.
    /// </summary>
    private static long RandomInstant(Random random, long[] transitions, long[] holidays)
    {
        long Around(long at, long spread) => at + random.NextInt64(-spread, spread);
        var t = random.Next(10) switch
        {
            0 or 1 when transitions.Length > 0 => Around(transitions[random.Next(transitions.Length)], 3 * DayMs),
            2 when transitions.Length > 0 => Around(transitions[random.Next(transitions.Length)], 2 * 3_600_000),
            3 or 4 => Around(Ms("2075-01-01T00:00:00Z"), 225L * 365 * DayMs),
            5 => Around(Ms("2026-12-31T00:00:00Z"), 2 * 365 * DayMs),
            6 => Around(Ms("2038-01-19T03:14:08Z"), 30 * DayMs),
            7 when holidays.Length > 0 => Around(holidays[random.Next(holidays.Length)], 4 * DayMs),
            _ => Around(Anchor + (random.Next(2) == 0 ? -1024 : 3072) * DayMs, 3 * DayMs),
        };
        return random.Next(5) == 0 ? t : t / SecondMs * SecondMs;
    }

    /// <summary>Up to four pauses of whole seconds around <paramref name="at"/>, apart from each other; the last may be open.</summary>
    private static List<(long From, long To)> RandomPauses(Random random, long at)
    {
        var pauses = new List<(long From, long To)>();
        var cursor = at / SecondMs * SecondMs - random.NextInt64(2 * DayMs) / SecondMs * SecondMs;
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var from = cursor + SecondMs * (1 + random.NextInt64(2 * DayMs / SecondMs));
            var open = i == count - 1 && random.Next(4) == 0;
            var to = open ? long.MaxValue : from + SecondMs * (1 + random.NextInt64((random.Next(2) == 0 ? 3_600_000 : DayMs) / SecondMs));
            pauses.Add((from, to));
            cursor = to;
        }

        return pauses;
    }

    internal static PauseSet ToPauseSet(List<(long From, long To)> pauses)
    {
        var set = new PauseSet();
        foreach (var (from, to) in pauses)
        {
            set.Begin(from);
            if (to != long.MaxValue)
            {
                set.End(to);
            }
        }

        set.Count.ShouldBe(pauses.Count);
        return set;
    }

    /// <summary>The first twenty answers on which the runtime and the reference differ.</summary>
    internal sealed class Disagreements(string calendar)
    {
        public List<string> Found { get; } = [];

        public void Check<T>(T actual, T expected, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(actual, expected) && Found.Count < 20)
            {
                Found.Add($"{calendar}: {what}: runtime {actual}, reference {expected}");
            }
        }
    }
}
