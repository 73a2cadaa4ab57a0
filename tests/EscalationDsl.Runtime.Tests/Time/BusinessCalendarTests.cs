using EscalationDsl.Runtime.Time;
using NodaTime;
using static EscalationDsl.Runtime.Tests.Time.Calendars;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>Business time on "America/New_York" calendars, tested on BusinessCalendar and TimeArithmetic directly.</summary>
public sealed class BusinessCalendarTests
{
    private static string AddMinutes(BusinessCalendar calendar, string start, long minutes, PauseSet? pauses = null) =>
        Iso(TimeArithmetic.AddBusinessMinutes(Ms(start), minutes, calendar, pauses));

    private static string AddDays(BusinessCalendar calendar, string start, int days, PauseSet? pauses = null) =>
        Iso(TimeArithmetic.AddBusinessDays(Ms(start), days, calendar, pauses));

    private static string[] Intervals(BusinessCalendar calendar, int year, int month, int day) =>
        [.. calendar.IntervalsOn(new LocalDate(year, month, day)).Select(Iso)];

    [Fact]
    public void TheDayOfAnInstantIsItsLocalDateAroundEveryTransitionAndFarFromTheFirstDayAsked()
    {
        // The calendar remembers the zone's last offset interval and the days around the first one asked
        // for; walk across both 2026 transitions, then far back and forward, in steps of 29 minutes.
        foreach (var (from, hours) in new[] { ("2026-03-07T00:00:00Z", 72), ("2026-10-31T00:00:00Z", 72), ("1969-12-30T00:00:00Z", 72), ("2049-06-01T00:00:00Z", 48) })
        {
            for (var at = Ms(from); at < Ms(from) + hours * 3_600_000L; at += 29 * 60_000L)
            {
                NewYork.DayOf(at).ShouldBe(NewYork.LocalDateOf(at).ToDateOnly().DayNumber);
                NewYork.IntervalsOnDay(NewYork.DayOf(at)).ShouldBe(NewYork.IntervalsOn(NewYork.LocalDateOf(at)));
            }
        }
    }

    [Fact]
    public void BusinessHoursFollowTheLocalClockAcrossTheSpringForwardWeekend()
    {
        // Fri 2026-03-06 16:00 EST + 2 business hours: 1h on Friday, 1h from Mon 09:00 EDT.
        AddMinutes(NewYork, "2026-03-06T21:00:00Z", 120).ShouldBe("2026-03-09T14:00:00Z");
        Intervals(NewYork, 2026, 3, 9).ShouldBe(["2026-03-09T13:00:00Z", "2026-03-09T21:00:00Z"]);
    }

    [Fact]
    public void BusinessHoursFollowTheLocalClockAcrossTheFallBackWeekend()
    {
        // Fri 2026-10-30 16:00 EDT + 2 business hours: 1h on Friday, 1h from Mon 09:00 EST.
        AddMinutes(NewYork, "2026-10-30T20:00:00Z", 120).ShouldBe("2026-11-02T15:00:00Z");
    }

    [Fact]
    public void TheSpringForwardDayOfARoundTheClockCalendarLasts23Hours()
    {
        Intervals(NewYorkAlways, 2026, 3, 8).ShouldBe(["2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"]);
        NewYorkAlways.BusinessBetween(Ms("2026-03-08T05:00:00Z"), Ms("2026-03-09T04:00:00Z")).ShouldBe(23 * 3_600_000L);

        // Sat 12:00 EST + 24 business hours on a 24h calendar is 24 elapsed hours: Sun 13:00 EDT.
        AddMinutes(NewYorkAlways, "2026-03-07T17:00:00Z", 24 * 60).ShouldBe("2026-03-08T17:00:00Z");

        // One business day from the start of the short day is the start of the next day.
        AddDays(NewYorkAlways, "2026-03-08T05:00:00Z", 1).ShouldBe("2026-03-09T04:00:00Z");
    }

    [Fact]
    public void TheFallBackDayOfARoundTheClockCalendarLasts25Hours()
    {
        Intervals(NewYorkAlways, 2026, 11, 1).ShouldBe(["2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"]);
        AddMinutes(NewYorkAlways, "2026-10-31T16:00:00Z", 24 * 60).ShouldBe("2026-11-01T16:00:00Z");
        AddDays(NewYorkAlways, "2026-11-01T04:00:00Z", 1).ShouldBe("2026-11-02T05:00:00Z");
    }

    [Fact]
    public void ARangeStartingInTheSkippedHourStartsAtTheEndOfTheGap()
    {
        var calendar = Compile("""calendar night "America/New_York" { hours sun 02:30-04:00 }""");

        // 02:30 does not exist on 2026-03-08; the range runs from 03:00 EDT to 04:00 EDT.
        Intervals(calendar, 2026, 3, 8).ShouldBe(["2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"]);
        Intervals(calendar, 2026, 3, 15).ShouldBe(["2026-03-15T06:30:00Z", "2026-03-15T08:00:00Z"]);
    }

    [Fact]
    public void ARangeEndingInTheSkippedHourEndsAtTheEndOfTheGap()
    {
        var calendar = Compile("""calendar night "America/New_York" { hours sun 01:00-02:30 }""");

        // Only 01:00-02:00 EST exists on 2026-03-08: one hour of business time.
        Intervals(calendar, 2026, 3, 8).ShouldBe(["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z"]);
    }

    [Fact]
    public void ARangeInsideTheSkippedHourLeavesNoBusinessDay()
    {
        var calendar = Compile("""calendar night "America/New_York" { hours sun 02:00-02:30 }""");

        // 02:00-02:30 does not exist on 2026-03-08: that Sunday has no business time. Sun 03-01 02:15 EST
        // (07:15Z) is 15m into its business day; one business day later is 15m into 03-15's, 02:15 EDT.
        Intervals(calendar, 2026, 3, 8).ShouldBeEmpty();
        calendar.NextInterval(Ms("2026-03-08T06:00:00Z")).ShouldBe((Ms("2026-03-15T06:00:00Z"), Ms("2026-03-15T06:30:00Z")));
        AddDays(calendar, "2026-03-01T07:15:00Z", 1).ShouldBe("2026-03-15T06:15:00Z");
    }

    [Fact]
    public void TheEveningRepeatedWhenStJohnsFellBackOverMidnightIsInSundaysHours()
    {
        var calendar = Compile("""calendar weekend "America/St_Johns" { hours sat..sun 00:00-24:00 }""");

        // 2000-10-29 00:01 NDT (02:31Z) became Sat 23:01 NST. Saturday's hours end at Sun 00:00 NDT (02:30Z),
        // so 03:00Z, the second Sat 23:30, is 30m into Sunday's hours; one business day later is 30m into
        // Saturday 11-04's (from 00:00 NST, 03:30Z).
        calendar.IsOpen(Ms("2000-10-29T03:00:00Z")).ShouldBeTrue();
        AddDays(calendar, "2000-10-29T03:00:00Z", 1).ShouldBe("2000-11-04T04:00:00Z");
    }

    [Fact]
    public void TheRepeatedHourIsCountedOncePerOccurrence()
    {
        var calendar = Compile("""calendar night "America/New_York" { hours sun 01:00-02:00 }""");

        // 01:00 EDT to 02:00 EST on 2026-11-01: the hour 01:00-02:00 happens twice.
        Intervals(calendar, 2026, 11, 1).ShouldBe(["2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z"]);
    }

    [Fact]
    public void ARangeStartingOrEndingInTheRepeatedHourTakesItsFirstPass()
    {
        var calendar = Compile("""calendar night "America/New_York" { hours sun 01:00-01:30, 01:30-03:00 }""");

        // docs/runtime.md: on 2026-11-01, 01:00-01:30 is 01:00-01:30 EDT; 01:30-03:00 runs from 01:30 EDT to 03:00 EST.
        Intervals(calendar, 2026, 11, 1).ShouldBe(["2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T08:00:00Z"]);
    }

    [Fact]
    public void AHolidayOnAFridayPushesTheDeadlineToMonday()
    {
        // Thu 2026-12-24 15:00 EST + 4 business hours: 2h on Thursday, Christmas off, 2h on Monday.
        AddMinutes(NewYork, "2026-12-24T20:00:00Z", 240).ShouldBe("2026-12-28T16:00:00Z");
        NewYork.IntervalsOn(new LocalDate(2026, 12, 25)).ShouldBeEmpty();
    }

    [Fact]
    public void ATicketOpenedOnFridayEveningStartsCountingOnMonday()
    {
        // Fri 2026-11-06 18:00 EST + 4 business hours = Mon 13:00 EST.
        AddMinutes(NewYork, "2026-11-06T23:00:00Z", 240).ShouldBe("2026-11-09T18:00:00Z");
        NewYork.IsOpen(Ms("2026-11-06T23:00:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void BusinessHoursIncludeTheOpeningAndExcludeTheClosingInstant()
    {
        NewYork.IsOpen(Ms("2026-11-02T14:00:00Z")).ShouldBeTrue();
        NewYork.IsOpen(Ms("2026-11-02T21:59:59Z")).ShouldBeTrue();
        NewYork.IsOpen(Ms("2026-11-02T22:00:00Z")).ShouldBeFalse();

        // A deadline that uses up the day lands on the closing instant, not the next opening.
        AddMinutes(NewYork, "2026-11-02T14:00:00Z", 480).ShouldBe("2026-11-02T22:00:00Z");
    }

    [Theory]
    [InlineData("2026-12-24T15:00:00Z", 1, "2026-12-28T15:00:00Z")] // Thu 10:00 -> Mon 10:00 (Christmas, weekend)
    [InlineData("2026-12-24T15:00:00Z", 3, "2026-12-30T15:00:00Z")] // Thu 10:00 -> Wed 10:00
    [InlineData("2026-11-25T15:00:00Z", 3, "2026-12-01T15:00:00Z")] // Wed 10:00 -> Tue 10:00 (Thanksgiving, weekend)
    [InlineData("2026-11-06T20:00:00Z", 1, "2026-11-09T20:00:00Z")] // Fri 15:00 -> Mon 15:00
    [InlineData("2026-11-06T23:00:00Z", 1, "2026-11-10T14:00:00Z")] // Fri 18:00: from Mon 09:00 -> Tue 09:00
    [InlineData("2026-12-25T15:00:00Z", 1, "2026-12-29T14:00:00Z")] // on the holiday: from Mon 09:00 -> Tue 09:00
    [InlineData("2026-03-06T20:00:00Z", 1, "2026-03-09T19:00:00Z")] // Fri 15:00 EST -> Mon 15:00 EDT
    [InlineData("2026-10-30T19:00:00Z", 1, "2026-11-02T20:00:00Z")] // Fri 15:00 EDT -> Mon 15:00 EST
    public void BusinessDaysKeepThePointOfTheBusinessDay(string start, int days, string expected) =>
        AddDays(NewYork, start, days).ShouldBe(expected);

    [Theory]
    [InlineData("2099-12-31")]
    [InlineData("9999-12-31")]
    public void BusinessDaysLeaveNoDeadlineWhenHolidaysLeaveNoBusinessDayForTenYears(string lastHoliday)
    {
        var calendar = Compile($$"""calendar c "America/New_York" { hours mon..fri 09:00-17:00 holiday 2026-11-09..{{lastHoliday}} }""");

        // Fri 2026-11-06 10:00 EST: Friday's hours are there, but no business day follows for ten years,
        // as business minutes that run past Friday find.
        AddMinutes(calendar, "2026-11-06T15:00:00Z", 8 * 60).ShouldBe("none");
        AddDays(calendar, "2026-11-06T15:00:00Z", 1).ShouldBe("none");
    }

    [Fact]
    public void ABusinessDayIntoAShorterDayIsClampedToItsClose()
    {
        var calendar = Compile("""
            calendar short "America/New_York" {
                hours mon..thu 09:00-17:00
                hours fri 09:00-13:00
            }
            """);

        // Thu 16:00 is 7h into the business day; Friday has only 4h.
        AddDays(calendar, "2026-11-05T21:00:00Z", 1).ShouldBe("2026-11-06T18:00:00Z");
    }

    [Theory]
    [InlineData("2026-11-02T16:30:00Z", 60, "2026-11-02T18:30:00Z")] // 11:30 + 1h = 13:30
    [InlineData("2026-11-02T16:00:00Z", 240, "2026-11-02T21:00:00Z")] // 11:00 + 4h = 16:00
    [InlineData("2026-11-02T17:30:00Z", 30, "2026-11-02T18:30:00Z")] // 12:30 (lunch) + 30m = 13:30
    [InlineData("2026-11-02T21:00:00Z", 180, "2026-11-03T16:00:00Z")] // 16:00 + 3h = Tue 11:00
    public void BusinessMinutesSkipTheLunchBreak(string start, long minutes, string expected) =>
        AddMinutes(NewYorkLunch, start, minutes).ShouldBe(expected);

    [Fact]
    public void BusinessDaysOnACalendarWithLunchCountOnlyBusinessTimeIntoTheDay()
    {
        NewYorkLunch.BusinessBetween(Ms("2026-11-02T14:00:00Z"), Ms("2026-11-02T22:00:00Z")).ShouldBe(7 * 3_600_000L);

        // Mon 14:00 is 4h into the business day: Tue 14:00.
        AddDays(NewYorkLunch, "2026-11-02T19:00:00Z", 1).ShouldBe("2026-11-03T19:00:00Z");

        // Mon 12:30 is in the break: counting starts at 13:00, so Tue 13:00.
        AddDays(NewYorkLunch, "2026-11-02T17:30:00Z", 1).ShouldBe("2026-11-03T18:00:00Z");
    }

    [Fact]
    public void BusinessDaysOnANightShiftCountTheBusinessTimeIntoTheCalendarDate()
    {
        // docs/runtime.md: a business day is a calendar date's business hours. Mon 23:00 is one hour into
        // Monday's (22:00-24:00); Tuesday's start at 00:00 with the end of Monday night's shift, so one
        // business day later is Tue 01:00, not Tue 23:00.
        var nightShift = Compile("""
            calendar night_shift "Asia/Singapore" {
                hours mon..fri 22:00-24:00
                hours tue..sat 00:00-06:00
            }
            """);

        AddDays(nightShift, "2026-11-02T15:00:00Z", 1).ShouldBe("2026-11-02T17:00:00Z");
    }

    [Fact]
    public void APauseInsideBusinessHoursExtendsTheDeadlineByItsLength()
    {
        // Mon 10:00 + 4 business hours, paused 11:00-12:30: 15:30.
        var pauses = Pauses(("2026-11-02T16:00:00Z", "2026-11-02T17:30:00Z"));
        AddMinutes(NewYork, "2026-11-02T15:00:00Z", 240, pauses).ShouldBe("2026-11-02T20:30:00Z");
    }

    [Fact]
    public void APauseOverNightCountsOnlyItsBusinessHours()
    {
        // Mon 14:00 + 4 business hours, paused Mon 16:00 - Tue 10:00: 2h before, 2h from Tue 10:00.
        var pauses = Pauses(("2026-11-02T21:00:00Z", "2026-11-03T15:00:00Z"));
        AddMinutes(NewYork, "2026-11-02T19:00:00Z", 240, pauses).ShouldBe("2026-11-03T17:00:00Z");
    }

    [Fact]
    public void APauseInsideABusinessDaySpanAddsItsBusinessTime()
    {
        // Mon 10:00 + 1 business day = Tue 10:00, plus the hour paused on Monday: Tue 11:00.
        var pauses = Pauses(("2026-11-02T16:00:00Z", "2026-11-02T17:00:00Z"));
        AddDays(NewYork, "2026-11-02T15:00:00Z", 1, pauses).ShouldBe("2026-11-03T16:00:00Z");

        // A pause outside business hours adds nothing.
        AddDays(NewYork, "2026-11-02T15:00:00Z", 1, Pauses(("2026-11-02T23:00:00Z", "2026-11-03T02:00:00Z"))).ShouldBe("2026-11-03T15:00:00Z");
    }

    [Fact]
    public void PausedBusinessTimeOfPartOfAMinuteExtendsABusinessDayTargetPastTheClose()
    {
        // Mon 16:59 EST + 1 business day = Tue 16:59, plus 90 paused seconds: 60s to the close, 30s from Wed 09:00.
        var pauses = Pauses(("2026-11-03T15:00:00Z", "2026-11-03T15:01:30Z"));
        AddDays(NewYork, "2026-11-02T21:59:00Z", 1, pauses).ShouldBe("2026-11-04T14:00:30Z");
    }

    [Fact]
    public void AnOpenPauseLeavesNoDeadline()
    {
        var pauses = new PauseSet();
        pauses.Begin(Ms("2026-11-02T16:00:00Z"));

        AddMinutes(NewYork, "2026-11-02T15:00:00Z", 240, pauses).ShouldBe("none");
        AddDays(NewYork, "2026-11-02T15:00:00Z", 1, pauses).ShouldBe("none");
        Iso(TimeArithmetic.AddWallClock(Ms("2026-11-02T15:00:00Z"), 2 * 3_600_000, pauses)).ShouldBe("none");

        // A deadline up to the moment the pause starts is unaffected.
        AddMinutes(NewYork, "2026-11-02T15:00:00Z", 30, pauses).ShouldBe("2026-11-02T15:30:00Z");
        AddMinutes(NewYork, "2026-11-02T15:00:00Z", 60, pauses).ShouldBe("2026-11-02T16:00:00Z");
        Iso(TimeArithmetic.AddWallClock(Ms("2026-11-02T15:00:00Z"), 3_600_000, pauses)).ShouldBe("2026-11-02T16:00:00Z");
    }

    [Fact]
    public void WallClockTimeSkipsPausesAndAZeroLengthPauseIsDropped()
    {
        var pauses = Pauses(("2026-11-02T14:05:00Z", "2026-11-02T14:15:00Z"));
        Iso(TimeArithmetic.AddWallClock(Ms("2026-11-02T14:00:00Z"), 15 * 60_000, pauses)).ShouldBe("2026-11-02T14:25:00Z");

        var zero = Pauses(("2026-11-02T14:05:00Z", "2026-11-02T14:05:00Z"));
        zero.Count.ShouldBe(0);
        Iso(TimeArithmetic.AddWallClock(Ms("2026-11-02T14:00:00Z"), 15 * 60_000, zero)).ShouldBe("2026-11-02T14:15:00Z");
    }
}
