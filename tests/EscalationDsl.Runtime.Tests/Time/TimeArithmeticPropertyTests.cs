using EscalationDsl.Runtime.Time;
using static EscalationDsl.Runtime.Tests.Time.Calendars;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// Properties of business and wall-clock time on fixed-seed random inputs: monotone, additive,
/// consistent with <see cref="BusinessCalendar.BusinessBetween"/>. Calendars cover DST zones
/// (also half-hour DST and transitions at midnight), lunch breaks and holidays.
/// </summary>
public sealed class TimeArithmeticPropertyTests
{
    private const int Cases = 3000;
    private const long MinuteMs = 60_000;
    private static readonly long From = Ms("2026-01-01T00:00:00Z");
    private static readonly long To = Ms("2027-12-31T00:00:00Z");

    public static TheoryData<string> CalendarNames => [.. PropertyCalendars.Keys];

    private static readonly Dictionary<string, BusinessCalendar> PropertyCalendars = new()
    {
        ["new-york"] = NewYork,
        ["new-york-lunch"] = NewYorkLunch,
        ["new-york-always"] = NewYorkAlways,
        ["new-york-night"] = Compile("""calendar night "America/New_York" { hours sun 01:00-03:00, 22:00-24:00 }"""),
        ["london"] = Compile("""
            calendar london "Europe/London" {
                hours mon..fri 08:00-12:00, 13:00-18:00
                hours sat 10:00-14:00
                holiday 2026-04-03..2026-04-06 "Easter"
                holiday 2026-12-25..2026-12-28 "Christmas"
            }
            """),
        ["lord-howe"] = Compile("""calendar lh "Australia/Lord_Howe" { hours mon..sun 00:00-03:00, 09:00-17:00 }"""),
        ["santiago"] = Compile("""calendar scl "America/Santiago" { hours mon..sun 00:00-24:00 holiday 2026-09-18..2026-09-19 }"""),
        ["kolkata"] = Compile("""calendar ist "Asia/Kolkata" { hours mon..fri 09:30-18:30 }"""),
    };

    private static long RandomInstant(Random random) =>
        From + random.NextInt64(To - From) / 1000 * 1000 + (random.Next(4) == 0 ? random.Next(1000) : 0);

    private static long RandomMinutes(Random random) => random.Next(3) switch
    {
        0 => 1 + random.Next(60),
        1 => 1 + random.Next(600),
        _ => 1 + random.Next(6000),
    };

    private static PauseSet RandomPauses(Random random, long around, bool allowOpen)
    {
        var pauses = new PauseSet();
        var cursor = around - random.NextInt64(3 * 86_400_000L);
        var count = random.Next(5);
        for (var i = 0; i < count; i++)
        {
            cursor += random.NextInt64(2 * 86_400_000L);
            pauses.Begin(cursor);
            if (allowOpen && i == count - 1 && random.Next(3) == 0)
            {
                break;
            }

            cursor += random.Next(4) == 0 ? 0 : 1 + random.NextInt64(86_400_000L);
            pauses.End(cursor);
        }

        return pauses;
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void BusinessMinuteAdditionIsAdditive(string name)
    {
        var calendar = PropertyCalendars[name];
        var random = new Random(1000 + name.Length);
        for (var i = 0; i < Cases; i++)
        {
            var t = RandomInstant(random);
            var a = RandomMinutes(random);
            var b = RandomMinutes(random);
            var stepwise = TimeArithmetic.AddBusinessMinutes(TimeArithmetic.AddBusinessMinutes(t, a, calendar, null)!.Value, b, calendar, null);
            var direct = TimeArithmetic.AddBusinessMinutes(t, a + b, calendar, null);
            stepwise.ShouldBe(direct, $"{name}: {Iso(t)} + {a}m + {b}m");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void BusinessMinuteAdditionIsMonotoneInStartAndAmount(string name)
    {
        var calendar = PropertyCalendars[name];
        var random = new Random(2000 + name.Length);
        for (var i = 0; i < Cases; i++)
        {
            var t1 = RandomInstant(random);
            var t2 = t1 + random.NextInt64(random.Next(2) == 0 ? 3_600_000L : 5 * 86_400_000L);
            var a = RandomMinutes(random);
            var early = TimeArithmetic.AddBusinessMinutes(t1, a, calendar, null)!.Value;
            var late = TimeArithmetic.AddBusinessMinutes(t2, a, calendar, null)!.Value;
            late.ShouldBeGreaterThanOrEqualTo(early, $"{name}: {Iso(t1)} <= {Iso(t2)}, + {a}m");

            var more = TimeArithmetic.AddBusinessMinutes(t1, a + 1, calendar, null)!.Value;
            more.ShouldBeGreaterThan(early, $"{name}: {Iso(t1)} + {a}m vs + {a + 1}m");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void BusinessMinuteAdditionCountsExactlyThatMuchBusinessTime(string name)
    {
        var calendar = PropertyCalendars[name];
        var random = new Random(3000 + name.Length);
        for (var i = 0; i < Cases; i++)
        {
            var t = RandomInstant(random);
            var a = RandomMinutes(random);
            var due = TimeArithmetic.AddBusinessMinutes(t, a, calendar, null)!.Value;
            calendar.BusinessBetween(t, due).ShouldBe(a * MinuteMs, $"{name}: {Iso(t)} + {a}m = {Iso(due)}");
            calendar.IsOpen(due - 1).ShouldBeTrue($"{name}: {Iso(t)} + {a}m = {Iso(due)} ends outside business hours");
        }
    }

    [Theory]
    [MemberData(nameof(CalendarNames))]
    public void BusinessMinuteAdditionWithPausesIsAdditive(string name)
    {
        var calendar = PropertyCalendars[name];
        var random = new Random(4000 + name.Length);
        for (var i = 0; i < Cases; i++)
        {
            var t = RandomInstant(random);
            var pauses = RandomPauses(random, t, allowOpen: true);
            var a = RandomMinutes(random);
            var b = RandomMinutes(random);
            var first = TimeArithmetic.AddBusinessMinutes(t, a, calendar, pauses);
            var stepwise = first is { } f ? TimeArithmetic.AddBusinessMinutes(f, b, calendar, pauses) : null;
            var direct = TimeArithmetic.AddBusinessMinutes(t, a + b, calendar, pauses);
            stepwise.ShouldBe(direct, $"{name}: {Iso(t)} + {a}m + {b}m with {pauses.Count} pauses");
        }
    }

    [Fact]
    public void WallClockAdditionWithPausesIsAdditiveAndSkipsExactlyThePausedTime()
    {
        var random = new Random(5000);
        for (var i = 0; i < 5 * Cases; i++)
        {
            var t = RandomInstant(random);
            var pauses = RandomPauses(random, t, allowOpen: random.Next(2) == 0);
            var a = 1 + random.NextInt64(3 * 86_400_000L);
            var b = 1 + random.NextInt64(3 * 86_400_000L);
            var first = TimeArithmetic.AddWallClock(t, a, pauses);
            var stepwise = first is { } f ? TimeArithmetic.AddWallClock(f, b, pauses) : null;
            var direct = TimeArithmetic.AddWallClock(t, a + b, pauses);
            stepwise.ShouldBe(direct, $"{Iso(t)} + {a}ms + {b}ms");

            if (first is { } due)
            {
                (due - t - pauses.PausedBetween(t, due)).ShouldBe(a, $"{Iso(t)} + {a}ms = {Iso(due)}");
                due.ShouldBeGreaterThanOrEqualTo(TimeArithmetic.AddWallClock(t, a - 1, pauses)!.Value);
            }
        }
    }

    [Fact]
    public void AZeroLengthPauseChangesNoDeadline()
    {
        var random = new Random(6000);
        var calendars = PropertyCalendars.Values.ToArray();
        for (var i = 0; i < Cases; i++)
        {
            var t = RandomInstant(random);
            var calendar = calendars[random.Next(calendars.Length)];
            var pauses = RandomPauses(random, t, allowOpen: false);
            var withZero = pauses.Clone();
            var at = t + random.NextInt64(86_400_000L);
            if (withZero.Count > 0 && at < withZero.To(withZero.Count - 1))
            {
                continue; // pauses only start after the last one ended
            }

            withZero.Begin(at);
            withZero.End(at);
            var a = RandomMinutes(random);
            TimeArithmetic.AddBusinessMinutes(t, a, calendar, withZero).ShouldBe(TimeArithmetic.AddBusinessMinutes(t, a, calendar, pauses));
            var days = 1 + random.Next(5);
            TimeArithmetic.AddBusinessDays(t, days, calendar, withZero).ShouldBe(TimeArithmetic.AddBusinessDays(t, days, calendar, pauses));
            TimeArithmetic.AddWallClock(t, a * MinuteMs, withZero).ShouldBe(TimeArithmetic.AddWallClock(t, a * MinuteMs, pauses));
        }
    }
}
