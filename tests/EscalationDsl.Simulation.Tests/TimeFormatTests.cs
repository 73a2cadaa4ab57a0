using EscalationDsl.Simulation.Input;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Simulation.Tests;

public sealed class TimeFormatTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Theory]
    [InlineData("29/2/2016 01:16", "2016-02-29T06:16:00Z")]   // EST, one-digit month
    [InlineData("1/7/2016 09:05", "2016-07-01T13:05:00Z")]    // EDT
    [InlineData("13/3/2016 02:30", "2016-03-13T07:30:00Z")]   // in the spring-forward gap: moved forward by the gap
    [InlineData("13/3/2016 03:30", "2016-03-13T07:30:00Z")]   // just after it
    [InlineData("6/11/2016 01:30", "2016-11-06T05:30:00Z")]   // in the fall-back overlap: the earlier instant
    [InlineData("6/11/2016 02:30", "2016-11-06T07:30:00Z")]
    public void LocalTimesAreReadInTheZoneAcrossDaylightSaving(string text, string expected)
    {
        var format = TimeFormat.Create("d/M/yyyy HH:mm", NewYork, out _)!;
        format.TryParse(text, out var at).ShouldBeTrue();
        at.ToString().ShouldBe(expected);

        // The hour cache must give the same answer the second time.
        format.TryParse(text, out var again).ShouldBeTrue();
        again.ShouldBe(at);
    }

    [Theory]
    [InlineData("31/2/2016 10:00")]
    [InlineData("29/2/2016 24:00")]
    [InlineData("29/2/2016 1:16")]
    [InlineData("2016-02-29 01:16")]
    [InlineData("")]
    public void MalformedTimesAreRejected(string text)
    {
        TimeFormat.Create("d/M/yyyy HH:mm", NewYork, out _)!.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void PatternsNodaTimeKnowsButTheFastPathDoesNotStillWork()
    {
        var format = TimeFormat.Create("MMM d, yyyy h:mm tt", DateTimeZone.Utc, out var error);
        error.ShouldBeNull();
        format!.TryParse("Mar 1, 2016 9:05 PM", out var at).ShouldBeTrue();
        at.ShouldBe(Instant.FromUtc(2016, 3, 1, 21, 5));
    }

    [Fact]
    public void BadPatternsAreReported()
    {
        TimeFormat.Create("dd/MM/yyyy HH:mm:ss.fffffffffff", DateTimeZone.Utc, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith("'dd/MM/yyyy HH:mm:ss.fffffffffff' is not a date-time pattern");
    }

    [Theory]
    [InlineData("unix", "-9223372036854775808")]   // times 1000 wrapped to 0, read as 1970-01-01
    [InlineData("unix", "9223372036854775807")]    // wrapped to one second before 1970
    [InlineData("unix", "18446744073709552")]      // wrapped to a time in range
    [InlineData("unixms", "9223372036854775807")]
    public void UnixNumbersTooLargeForAnyTimeAreRejectedNotWrapped(string kind, string text)
    {
        TimeFormat.Create(kind, DateTimeZone.Utc, out _)!.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("d/M/yyyy HH:mm", "America/New_York", "31/12/9999 23:59")]             // the fast path: 10000-01-01T04:59Z
    [InlineData("d/M/yyyy HH:mm", "America/St_Johns", "31/12/9999 21:00")]             // 10000-01-01T00:30Z
    [InlineData("MMM d, yyyy h:mm tt", "America/New_York", "Dec 31, 9999 11:59 PM")]   // NodaTime's parser
    [InlineData("iso", "UTC", "9999-12-31T23:59:59-14:00")]
    [InlineData("iso", "UTC", "-9998-01-01T00:00:00+14:00")]
    public void TimesNoInstantCanHoldAreRejectedNotThrown(string pattern, string zone, string text)
    {
        var format = TimeFormat.Create(pattern, DateTimeZoneProviders.Tzdb[zone], out _)!;

        format.TryParse(text, out _).ShouldBeFalse();
        format.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void AnHourThatEndsPastYear9999IsNotKeptForTheTimesAfterIt()
    {
        // 20:00 at -03:30 is 23:30Z, the hour's last minute 00:29Z of year 10000: kept, 20:45 would be added to its start.
        var format = TimeFormat.Create("d/M/yyyy HH:mm", DateTimeZoneProviders.Tzdb["America/St_Johns"], out _)!;

        format.TryParse("31/12/9999 20:00", out var start).ShouldBeTrue();
        start.ShouldBe(Instant.FromUtc(9999, 12, 31, 23, 30));
        format.TryParse("31/12/9999 20:45", out _).ShouldBeFalse();
    }

    [Fact]
    public void TheLastHoursOfYear9999ThatInstantsHoldAreStillRead()
    {
        var format = TimeFormat.Create("d/M/yyyy HH:mm", DateTimeZoneProviders.Tzdb["America/New_York"], out _)!;

        format.TryParse("31/12/9999 18:59", out var at).ShouldBeTrue();
        at.ShouldBe(Instant.FromUtc(9999, 12, 31, 23, 59));
    }

    [Theory]
    [InlineData("unix", "1456708560", "2016-02-29T01:16:00Z")]
    [InlineData("unix", "-1", "1969-12-31T23:59:59Z")]
    [InlineData("unixms", "1456708560123", "2016-02-29T01:16:00.123Z")]
    public void UnixNumbersAreReadAsSecondsOrMilliseconds(string kind, string text, string expected)
    {
        TimeFormat.Create(kind, DateTimeZone.Utc, out _)!.TryParse(text, out var at).ShouldBeTrue();
        InstantPattern.ExtendedIso.Format(at).ShouldBe(expected);
    }

    [Theory]
    [InlineData("HH:mm")]
    [InlineData("'day' HH:mm")]
    [InlineData("dd/MM HH:mm")]
    public void PatternsWithoutTheDateAreReported(string pattern)
    {
        TimeFormat.Create(pattern, DateTimeZone.Utc, out var error).ShouldBeNull();
        error.ShouldBe($"'{pattern}' does not give the date: a timestamp needs its year, month and day");
    }

    [Theory]
    [InlineData("2026-11-09T09:15:00+01:00", "2026-11-09T08:15:00Z")]    // the canonical form
    [InlineData("2026-11-09 09:15:00 +01:00", "2026-11-09T08:15:00Z")]   // a space for T, and before the offset
    [InlineData("2026-11-09 09:15:00+01:00", "2026-11-09T08:15:00Z")]    // RFC 3339's space
    [InlineData("2026-11-09T09:15:00+0100", "2026-11-09T08:15:00Z")]     // ISO 8601's basic offset
    [InlineData("2026-11-09 09:15:00 -0530", "2026-11-09T14:45:00Z")]
    [InlineData("2026-11-09T09:15:00+01", "2026-11-09T08:15:00Z")]
    [InlineData("2026-11-09T09:15+01:00", "2026-11-09T08:15:00Z")]       // without seconds
    [InlineData("2026-11-09 09:15 Z", "2026-11-09T09:15:00Z")]
    [InlineData("2026-11-09 09:15:00.25Z", "2026-11-09T09:15:00.25Z")]  // a fraction
    [InlineData("2026-11-09T09:15:00,5+0100", "2026-11-09T08:15:00.5Z")] // a decimal comma
    public void IsoReadsTheCommonIso8601AndRfc3339Forms(string text, string expected)
    {
        // No zone: each time carries its own offset.
        var format = TimeFormat.Create("iso", null, out _)!;

        format.TryParse(text, out var at).ShouldBeTrue();
        InstantPattern.ExtendedIso.Format(at).ShouldBe(expected);
    }

    [Fact]
    public void IsoReadsAFileThatMixesItsFormsAlike()
    {
        // The form that read the previous cell is tried first: a cell in another form must still be read.
        var format = TimeFormat.Create("iso", NewYork, out _)!;
        string[] cells = ["2026-11-09 09:15:00 +01:00", "2026-11-09 09:16:00 +01:00", "2026-11-09T08:17:00Z", "2026-11-09 03:18", "2026-11-09T09:19+0100", "2026-11-09T08:20:00Z"];

        cells.Select(c => format.TryParse(c, out var at) ? InstantPattern.ExtendedIso.Format(at) : "unread").ShouldBe(
            ["2026-11-09T08:15:00Z", "2026-11-09T08:16:00Z", "2026-11-09T08:17:00Z", "2026-11-09T08:18:00Z", "2026-11-09T08:19:00Z", "2026-11-09T08:20:00Z"]);
    }

    [Theory]
    [InlineData("2026-11-09 09:15", "2026-11-09T14:15:00Z")]
    [InlineData("2026-11-09T09:15:30", "2026-11-09T14:15:30Z")]
    [InlineData("2016-03-13T02:30:00", "2016-03-13T07:30:00Z")]   // in the spring-forward gap: moved forward, as local patterns are
    public void IsoTimesWithoutAnOffsetAreReadInTheZone(string text, string expected)
    {
        TimeFormat.Create("iso", NewYork, out _)!.TryParse(text, out var at).ShouldBeTrue();
        InstantPattern.ExtendedIso.Format(at).ShouldBe(expected);
    }

    [Fact]
    public void AnIsoTimeWithoutAnOffsetAndNoZoneSaysWhatIsMissing()
    {
        var format = TimeFormat.Create("iso", null, out _)!;

        format.TryParse("2026-11-09 09:15", out _).ShouldBeFalse();
        format.Describe("2026-11-09 09:15").ShouldBe("'2026-11-09 09:15' has no offset, and the mapping gives no timeZone to read such times in; add one, such as \"timeZone\": \"Europe/London\"");
        format.Describe("2026-11-09 9:15").ShouldBe("'2026-11-09 9:15' is not a time like 2016-02-29T01:16:00Z (iso)");
    }

    [Theory]
    [InlineData("2026-11-09 09:15:00 +1:00")]
    [InlineData("2026-11-09T09:15:00+1")]
    [InlineData("2026-11-09T09:15:00 +01:00 x")]
    [InlineData("2026-11-09T09:15:00  +01:00")]
    [InlineData("2026-11-09T9:15:00Z")]
    [InlineData("2026-11-09")]
    [InlineData("09/11/2026 09:15 +01:00")]
    [InlineData("2026-11-31T09:15:00Z")]
    public void IsoStillRefusesWhatIsNoIsoTime(string text)
    {
        TimeFormat.Create("iso", NewYork, out _)!.TryParse(text, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("uuuu-MM-dd HH:mm:ss o<+HH:mm>", "2026-11-09 09:15:00 +01:00", "2026-11-09T08:15:00Z")]
    [InlineData("yyyy-MM-dd HH:mm:ss o<+HH:mm>", "2026-11-09 09:15:00 -05:00", "2026-11-09T14:15:00Z")]
    [InlineData("dd.MM.yyyy HH:mm o<Z+HHmm>", "09.11.2026 09:15 Z", "2026-11-09T09:15:00Z")]
    public void APatternWithAnOffsetReadsEachTimeWithItsOwnOffset(string pattern, string text, string expected)
    {
        var format = TimeFormat.Create(pattern, null, out var error);

        error.ShouldBeNull();
        format!.NeedsZone.ShouldBeFalse();
        format.TryParse(text, out var at).ShouldBeTrue();
        InstantPattern.ExtendedIso.Format(at).ShouldBe(expected);
        format.Describe("2026-11-09 09:15:00").ShouldBe($"'2026-11-09 09:15:00' is not a time like {format.Example} ({pattern})");
    }

    [Theory]
    [InlineData("uuuu-MM-dd HH:mm o<+HH:xx>", "'uuuu-MM-dd HH:mm o<+HH:xx>' is not a date-time pattern: The character x is not a format specifier")]
    [InlineData("HH:mm o<+HH:mm>", "'HH:mm o<+HH:mm>' does not give the date: a timestamp needs its year, month and day")]
    public void BadPatternsWithAnOffsetAreReportedForTheirOwnFault(string pattern, string expected)
    {
        TimeFormat.Create(pattern, null, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldStartWith(expected);
        error.ShouldNotEndWith(".", "the mapping's message goes on after it: \"; use a pattern such as ...\" (it read \".;\")");
    }
}
