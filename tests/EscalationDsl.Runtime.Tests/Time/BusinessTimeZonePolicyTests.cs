using static EscalationDsl.Runtime.Tests.Time.BusinessTimePolicyTests;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// Business-time targets of small policies, through the real parser and TicketRuntime, in zones with odd
/// offsets and around their clock changes. Each expected instant is worked out by hand in its comment.
/// </summary>
public sealed class BusinessTimeZonePolicyTests
{
    [Fact]
    public void LordHoweSpringsForwardHalfAnHourInsideTheBusinessHours()
    {
        const string policy = """
            policy "lord howe" version 1
            calendar lh "Australia/Lord_Howe" { hours mon..sun 01:00-03:00 }
            severity sev1 {
                acknowledge within 2 business hours
                resolve     within 3 business hours
                mitigate    within 2 business days
            }
            """;

        // Sun 2026-10-04 02:00 LHST (+10:30) becomes 02:30 LHDT (+11). Created Sat 02:00 LHST (10-02T15:30Z).
        // Saturday's hours have 1h left (to 03:00 LHST, 16:30Z). Sunday's run 01:00 LHST (10-03T14:30Z) to
        // 03:00 LHDT (16:00Z): 1h30m. Monday's 01:00 LHDT (10-04T14:00Z) to 03:00 LHDT (16:00Z): 2h.
        // acknowledge: 1h Saturday + 1h from Sun 14:30Z = 10-03T15:30Z (02:30 LHDT).
        // resolve: 1h Saturday + 1h30m Sunday + 30m from Mon 14:00Z = 10-04T14:30Z.
        // mitigate: Sat 02:00 is 1h into Saturday's business day; two business days later, 1h into
        // Monday's = 10-04T15:00Z.
        Run(policy, "2026-10-02T15:30:00Z created sev1; 2026-10-06T00:00:00Z advance")
            .ShouldBe(["2026-10-03T15:30:00Z sla_breach acknowledge", "2026-10-04T14:30:00Z sla_breach resolve", "2026-10-04T15:00:00Z sla_breach mitigate"]);
    }

    [Fact]
    public void KathmanduHoursAreAtAQuarterPastTheHourInUtc()
    {
        const string policy = """
            policy "kathmandu" version 1
            calendar ktm "Asia/Kathmandu" { hours mon..fri 10:00-17:00 }
            severity sev2 {
                acknowledge within 4 business hours
                resolve     within 1 business day
            }
            """;

        // +05:45 all year. Created Fri 2026-11-06 16:30 NPT (10:45Z): 30m on Friday, then 3h30m from
        // Mon 10:00 NPT (11-09T04:15Z) = Mon 13:30 NPT (07:45Z). One business day from 6h30m into Friday's
        // business day is 6h30m into Monday's: Mon 16:30 NPT (10:45Z).
        Run(policy, "2026-11-06T10:45:00Z created sev2; 2026-11-10T00:00:00Z advance")
            .ShouldBe(["2026-11-09T07:45:00Z sla_breach acknowledge", "2026-11-09T10:45:00Z sla_breach resolve"]);
    }

    [Fact]
    public void StJohnsWeekendCoverCountsTheRepeatedHourOfTheFallBackSunday()
    {
        const string policy = """
            policy "st johns" version 1
            calendar weekend "America/St_Johns" { hours sat..sun 00:00-24:00 }
            severity sev2 {
                acknowledge within 6 business hours
                resolve     within 1 business day
            }
            """;

        // Sun 2026-11-01 02:00 NDT (-02:30) falls back to 01:00 NST (-03:30). Created Sat 22:00 NDT (11-01T00:30Z).
        // acknowledge: the weekend is one stretch of business time, so 6 elapsed hours: 06:30Z (Sun 03:00 NST).
        // resolve: Saturday's hours run 10-31T02:30Z to 11-01T02:30Z, and the ticket is 22h into them;
        // Sunday's run 11-01T02:30Z to Mon 00:00 NST (11-02T03:30Z), 25h; 22h into them is 11-02T00:30Z.
        Run(policy, "2026-11-01T00:30:00Z created sev2; 2026-11-03T00:00:00Z advance")
            .ShouldBe(["2026-11-01T06:30:00Z sla_breach acknowledge", "2026-11-02T00:30:00Z sla_breach resolve"]);
    }

    [Fact]
    public void StJohnsEveningRepeatedAfterFallingBackOverMidnightBelongsToSunday()
    {
        const string policy = """
            policy "st johns" version 1
            calendar weekend "America/St_Johns" { hours sat..sun 00:00-24:00 }
            owners { role lead "Duty lead" }
            severity sev2 { resolve within 1 business day }
            escalation weekend_desk for sev2 when during weekend { immediately: notify lead }
            """;

        // Until 2011 St. John's fell back at 00:01: on 2000-10-29, 00:01 NDT (02:31Z) became Sat 23:01 NST,
        // so Saturday 23:01-24:00 came twice. Saturday's hours end when its 24:00 first comes (Sun 00:00 NDT,
        // 02:30Z); Sunday's run from there to Mon 00:00 NST (10-30T03:30Z). A ticket created at 03:00Z (the
        // second Sat 23:30, NST) is 30m into Sunday's hours: inside business hours, so the weekend rule
        // starts at once. Its rule stops at Mon 00:00 NST and starts again at Sat 2000-11-04 00:00 NST
        // (03:30Z). One business day from 30m into Sunday's is 30m into Saturday 11-04's: 04:00Z.
        Run(policy, "2000-10-29T03:00:00Z created sev2; 2000-11-05T00:00:00Z advance")
            .ShouldBe(["2000-10-29T03:00:00Z notify lead", "2000-11-04T03:30:00Z notify lead", "2000-11-04T04:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void ADaySamoaSkippedIsNoBusinessDay()
    {
        const string policy = """
            policy "apia" version 1
            calendar apia "Pacific/Apia" { hours mon..fri 09:00-17:00 }
            severity sev2 {
                acknowledge within 9 business hours
                resolve     within 1 business day
                mitigate    within 2 business days
            }
            """;

        // Samoa went from -10 to +14 at the end of Thu 2011-12-29: Fri 2011-12-30 never happened there.
        // Created Thu 10:00 (-10, 12-29T20:00Z). acknowledge: 7h on Thursday (to 12-30T03:00Z), then 2h from
        // Mon 2012-01-02 09:00 (+14, 01-01T19:00Z) = 01-01T21:00Z. One business day from 1h into Thursday's is
        // 1h into Monday's, 01-01T20:00Z; two are Tue 10:00, 01-02T20:00Z.
        Run(policy, "2011-12-29T20:00:00Z created sev2; 2012-01-04T00:00:00Z advance")
            .ShouldBe(["2012-01-01T20:00:00Z sla_breach resolve", "2012-01-01T21:00:00Z sla_breach acknowledge", "2012-01-02T20:00:00Z sla_breach mitigate"]);
    }

    [Fact]
    public void APauseOutsideBusinessHoursOverTheSpringForwardWeekendChangesNothing()
    {
        // Created Fri 2026-03-06 16:00 EST (21:00Z): 1h on Friday. Paused Fri 18:00 EST to Mon 08:00 EDT
        // (03-09T12:00Z), no business hours; 3h from Mon 09:00 EDT (13:00Z) = 12:00 EDT (16:00Z).
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-03-06T21:00:00Z created sev3; 2026-03-06T23:00:00Z status awaiting_customer; 2026-03-09T12:00:00Z status in_progress; 2026-03-10T00:00:00Z advance")
            .ShouldBe(["2026-03-09T16:00:00Z sla_breach acknowledge"]);

        // Paused from Fri 16:30 EST (21:30Z) into the weekend: 30m on Friday, 3h30m from Mon 09:00 EDT = 16:30Z.
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-03-06T21:00:00Z created sev3; 2026-03-06T21:30:00Z status awaiting_customer; 2026-03-07T15:00:00Z status in_progress; 2026-03-10T00:00:00Z advance")
            .ShouldBe(["2026-03-09T16:30:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void ATargetUsingUpTheLastFridayOfSummerTimeFallsDueAtTheClose()
    {
        // Created Fri 2026-10-30 13:00 EDT (17:00Z): 4 business hours end at 17:00 EDT (21:00Z), the close,
        // not at Monday's opening after the fall-back weekend.
        Run(Header + "severity sev3 { acknowledge within 4 business hours }",
            "2026-10-30T17:00:00Z created sev3; 2026-11-03T00:00:00Z advance")
            .ShouldBe(["2026-10-30T21:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void ASeverityChangeOnTheSpringForwardWeekendRecountsFromCreation()
    {
        // Created Fri 2026-03-06 16:00 EST (21:00Z) as sev3 (4 business hours: 1h Friday, 3h Monday = Mon
        // 12:00 EDT). Raised to sev2 on Saturday: 2 business hours from creation, 1h Friday and 1h from Mon
        // 09:00 EDT (13:00Z) = 14:00Z.
        Run(Header + "severity sev2 { acknowledge within 2 business hours }\nseverity sev3 { acknowledge within 4 business hours }",
            "2026-03-06T21:00:00Z created sev3; 2026-03-07T15:00:00Z severity_changed sev2; 2026-03-10T00:00:00Z advance")
            .ShouldBe(["2026-03-09T14:00:00Z sla_breach acknowledge"]);
    }

    [Fact]
    public void AReopenOnTheFallBackWeekendRestartsTheResolveClockAtMondaysOpening()
    {
        // Resolved on Fri 2026-10-30, reopened Sat 10-31 (EDT): the resolve clock restarts from the reopen,
        // outside business hours, so from Mon 09:00 EST (11-02T14:00Z); one business day is Tue 09:00 EST (14:00Z).
        Run(Header + "severity sev2 { resolve within 1 business day }",
            "2026-10-30T15:00:00Z created sev2; 2026-10-30T16:00:00Z resolved; 2026-10-31T15:00:00Z reopened; 2026-11-05T00:00:00Z advance")
            .ShouldBe(["2026-11-03T14:00:00Z sla_breach resolve"]);
    }

    [Fact]
    public void BusinessTimePausedForPartOfAMinuteIsAddedToTheSecondAcrossTheClose()
    {
        // Created Mon 2026-11-02 16:59 EST (21:59Z): one business day is Tue 16:59 EST. Paused Tue 10:00:00 to
        // 10:01:30 EST, 90s of business time: 60s to Tuesday's close, 30s from Wed 09:00 EST = 11-04T14:00:30Z
        // (not Tue 17:00:30, half a minute after the close).
        Run(Header + "severity sev2 { resolve within 1 business day }",
            "2026-11-02T21:59:00Z created sev2; 2026-11-03T15:00:00Z status awaiting_customer; 2026-11-03T15:01:30Z status in_progress; 2026-11-05T00:00:00Z advance")
            .ShouldBe(["2026-11-04T14:00:30Z sla_breach resolve"]);
    }
}
