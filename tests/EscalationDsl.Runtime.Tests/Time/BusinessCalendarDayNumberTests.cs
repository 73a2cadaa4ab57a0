using EscalationDsl.Runtime.Time;
using NodaTime;
using static EscalationDsl.Runtime.Tests.Time.Calendars;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>The day-number path of the calendar (DayOf, the day table) against NodaTime's own local dates, and its caches under concurrent callers.</summary>
public sealed class BusinessCalendarDayNumberTests
{
    private static BusinessCalendar Zone(string zone) => Compile($$"""
        calendar c "{{zone}}" {
            hours mon..fri 09:00-17:00
            holiday 2026-11-26 "Thanksgiving Day"
        }
        """);

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/GMT+5")]
    [InlineData("Africa/Monrovia")]
    [InlineData("Europe/Amsterdam")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Pacific/Apia")]
    [InlineData("Asia/Kathmandu")]
    public void DayOfIsTheLocalDateForRandomInstantsBeforeAndAfter1970AndAtEveryTransition(string zone)
    {
        var calendar = Zone(zone);
        var random = new Random(42);
        var min = Ms("1850-01-01T00:00:00Z");
        var max = Ms("2100-01-01T00:00:00Z");
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly small steps (reusing the cached interval), sometimes a jump anywhere.
            var at = i % 7 == 0 ? min + (long)(random.NextDouble() * (max - min)) : Ms("1969-12-31T00:00:00Z") + random.NextInt64(-200_000_000_000, 200_000_000_000);
            calendar.DayOf(at).ShouldBe(calendar.LocalDateOf(at).ToDateOnly().DayNumber, $"{zone} {Iso(at)}");
            calendar.DayOf(at - 1).ShouldBe(calendar.LocalDateOf(at - 1).ToDateOnly().DayNumber, $"{zone} {Iso(at - 1)}");
        }

        // Every transition edge, both sides.
        var tz = DateTimeZoneProviders.Tzdb[zone];
        foreach (var interval in tz.GetZoneIntervals(Instant.FromUtc(1850, 1, 1, 0, 0), Instant.FromUtc(2100, 1, 1, 0, 0)))
        {
            if (!interval.HasStart)
            {
                continue;
            }

            var start = interval.Start.ToUnixTimeMilliseconds();
            foreach (var at in new[] { start - 1, start, start + 1, start - 3_600_000, start + 3_600_000 })
            {
                calendar.DayOf(at).ShouldBe(calendar.LocalDateOf(at).ToDateOnly().DayNumber, $"{zone} {Iso(at)}");
            }
        }
    }

    [Fact]
    public void ConcurrentCallersGetTheSameAnswersAsOneCaller()
    {
        var shared = NewYork.Model;
        var random = new Random(7);
        var instants = Enumerable.Range(0, 4000).Select(_ => Ms("2020-01-01T00:00:00Z") + random.NextInt64(0, 400L * 86_400_000 * 30)).ToArray();
        var reference = new BusinessCalendar(shared);
        var expected = instants.Select(at => (reference.IsOpen(at), reference.NextInterval(at), TimeArithmetic.AddBusinessDays(at, 3, reference, null))).ToArray();

        for (var round = 0; round < 20; round++)
        {
            var calendar = new BusinessCalendar(shared);
            var failures = 0;
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
            {
                for (var k = 0; k < instants.Length; k++)
                {
                    var i = (k * 7919 + worker * 1013) % instants.Length;
                    var at = instants[i];
                    if ((calendar.IsOpen(at), calendar.NextInterval(at), TimeArithmetic.AddBusinessDays(at, 3, calendar, null)) != expected[i])
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            });
            failures.ShouldBe(0);
        }
    }
}
