using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// A two-region export whose rows say their own UTC offset or zone (<c>timeZoneColumn</c>): each row's
/// local times are read there, not all in the mapping's one <c>timeZone</c> (a new user's trial read
/// one region's times hours off, without a word).
/// </summary>
public sealed class MappedTimeZoneColumnTests
{
    private const string Header = "Case;Stamp;Action;Prio;UTC offset\n";

    private const string Mapping =
        """{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm", "timeZone": "Europe/London", "timeZoneColumn": "UTC offset" """;

    [Fact]
    public void EachRowIsReadInItsOffsetOrZoneAndAnEmptyCellInTheMappingsZone()
    {
        var replay = Replay(Mapping + "}", """
            D-1;2026-11-09 09:00;created;sev2;+01:00
            C-2;2026-11-09 09:00;created;sev2;-0600
            K-3;2026-11-09 09:00;created;sev2;+05
            C-4;2026-11-09 09:00;created;sev2;America/Chicago
            C-4;2027-07-09 09:00;acknowledged;;America/Chicago
            L-5;2026-11-09 09:00;created;sev2;
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => $"{e.TicketId} {TicketEventKinds.Name(e.Kind)} {TicketEventJson.FormatTime(e.At)}").Order(StringComparer.Ordinal).ShouldBe(
        [
            "C-2 created 2026-11-09T15:00:00Z",
            "C-4 acknowledged 2027-07-09T14:00:00Z",
            "C-4 created 2026-11-09T15:00:00Z",
            "D-1 created 2026-11-09T08:00:00Z",
            "K-3 created 2026-11-09T04:00:00Z",
            "L-5 created 2026-11-09T09:00:00Z",
        ]);
    }

    [Fact]
    public void ACellThatIsNeitherAnOffsetNorAZoneIsABadRowThatStrictStopsAt()
    {
        const string rows = """
            D-1;2026-11-09 09:00;created;sev2;+01:00
            C-2;2026-11-09 09:00;created;sev2;+25:00
            C-3;2026-11-09 09:00;created;sev2;Central
            C-4;2026-11-09 09:00;created;sev2;-06:00
            """;

        var replay = Replay(Mapping + "}", rows);
        var strict = Replay(Mapping + "}", rows, strict: true);

        replay.Problems.ShouldBe(
        [
            "cases.csv:3: UTC offset: '+25:00' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time",
            "cases.csv:4: UTC offset: 'Central' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time",
        ]);
        replay.Events.Select(e => e.TicketId).ShouldBe(["D-1", "C-4"]);
        replay.Result!.Report.Input.BadRows.ShouldBe(2);
        strict.Result!.StoppedAtBadRow.ShouldBeTrue();
        strict.Problems.ShouldBe(["cases.csv:3: UTC offset: '+25:00' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time"]);
    }

    [Fact]
    public void WithoutATimeZoneAnEmptyCellIsABadRowForLocalTimes()
    {
        var replay = Replay(
            """{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm", "timeZoneColumn": "UTC offset" }""", """
            D-1;2026-11-09 09:00;created;sev2;
            C-2;2026-11-09 09:00;created;sev2;-06:00
            """);

        replay.Problems.ShouldBe(["cases.csv:2: UTC offset: no value, and the mapping gives no timeZone for rows without one; add one, such as \"timeZone\": \"Europe/London\""]);
        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe(["2026-11-09T15:00:00Z"]);
    }

    [Fact]
    public void IsoTimesWithoutAnOffsetTakeTheRowsZoneAndTimesWithOneKeepIt()
    {
        var replay = Replay("""{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeZoneColumn": "UTC offset" }""", """
            C-1;2026-11-09 09:00;created;sev2;America/Chicago
            C-1;2026-11-09 15:30:00+00:00;acknowledged;;America/Chicago
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe(["2026-11-09T15:00:00Z", "2026-11-09T15:30:00Z"]);
    }

    [Theory]
    [InlineData("unix")]
    [InlineData("unixms")]
    [InlineData("yyyy-MM-dd HH:mm o<+HH:mm>")]
    public void TheColumnIsRefusedWithAFormatThatReadsNoTimeInAZone(string format)
    {
        var json = $$"""{ "ticket": "id", "time": "at", "type": "kind", "timeFormat": "{{format}}", "timeZoneColumn": "UTC offset" }""";

        Should.Throw<MappingException>(() => MappingFile.Load(json, "map.json", Policies.Support, null, [])).Message.ShouldBe(
            $"map.json: timeZoneColumn: timeFormat '{format}' reads every time with its own offset or as UTC, so no time is read in a row's zone; remove timeZoneColumn, or use a timeFormat without an offset field");
    }

    [Fact]
    public void ATimeZoneThatNamesAColumnPointsToTimeZoneColumn()
    {
        var json = """{ "ticket": "id", "time": "at", "type": "kind", "timeZone": "UTC offset" }""";

        Should.Throw<MappingException>(() => MappingFile.Load(json, "map.json", Policies.Support, null, [])).Message.ShouldBe(
            "map.json: timeZone: 'UTC offset' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time; if 'UTC offset' is the column that gives each row's UTC offset or zone, write \"timeZoneColumn\": \"UTC offset\" instead");
    }

    [Fact]
    public void TheTicketsKindReadsEachRowsMilestonesInItsZone()
    {
        var mapping = MappingFile.Load(
            """{ "import": "tickets", "ticket": "Ticket", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm", "timeZone": "UTC", "timeZoneColumn": "Zone", "events": { "created": "Opened", "resolved": "Solved" } }""",
            "tix.json", Policies.Support, null, []).Tickets!;
        using var file = new TempFile(".csv", """
            Ticket,Prio,Opened,Solved,Zone
            T1,sev3,2026-11-09 09:00,2026-11-09 11:00,Europe/Dublin
            T2,sev3,2026-11-09 09:00,2026-11-09 11:00,-0600
            T3,sev3,2026-11-09 09:00,,
            T4,sev3,2026-11-09 09:00,,UTC+x
            T5,sev3,2026-11-09 09:00,,W. Europe Standard Time

            """.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var source = new TicketExportEventSource(file.Path, "tix.csv", mapping);

        var replay = Replays.Run(Policies.Support, source);

        replay.Problems.ShouldBe(["tix.csv:5: Zone: 'UTC+x' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time; ticket 'T4' is skipped"]);
        replay.Events.Select(e => $"{e.TicketId} {TicketEventJson.FormatTime(e.At)}").Order(StringComparer.Ordinal).ShouldBe(
        [
            "T1 2026-11-09T09:00:00Z",
            "T1 2026-11-09T11:00:00Z",
            "T2 2026-11-09T15:00:00Z",
            "T2 2026-11-09T17:00:00Z",
            "T3 2026-11-09T09:00:00Z",
            "T5 2026-11-09T08:00:00Z",
        ]);
    }

    [Fact]
    public void ZoneCellsInTheSpellingsExportsWriteAreRead()
    {
        // UTC by its letters, offsets after UTC or GMT, one-digit hours, and Windows zone names (read as
        // the IANA zone of their main territory, so Central Standard Time keeps Chicago's summer time).
        var replay = Replay(Mapping + "}", """
            Z-1;2026-11-09 09:00;created;sev2;Z
            U-2;2026-11-09 09:00;created;sev2;UTC
            G-3;2026-11-09 09:00;created;sev2;GMT
            U-4;2026-11-09 09:00;created;sev2;UTC+1
            U-5;2026-11-09 09:00;created;sev2;UTC+01:00
            G-6;2026-11-09 09:00;created;sev2;GMT-6
            U-7;2026-11-09 09:00;created;sev2;UTC-05:30
            I-8;2026-11-09 09:00;created;sev2;+5:30
            I-9;2026-11-09 09:00;created;sev2;+5
            W-10;2026-11-09 09:00;created;sev2;Central Standard Time
            W-10;2027-07-09 09:00;acknowledged;;Central Standard Time
            W-11;2026-11-09 09:00;created;sev2;W. Europe Standard Time
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => $"{e.TicketId} {TicketEventJson.FormatTime(e.At)}").ShouldBe(
        [
            "Z-1 2026-11-09T09:00:00Z",
            "U-2 2026-11-09T09:00:00Z",
            "G-3 2026-11-09T09:00:00Z",
            "U-4 2026-11-09T08:00:00Z",
            "U-5 2026-11-09T08:00:00Z",
            "G-6 2026-11-09T15:00:00Z",
            "U-7 2026-11-09T14:30:00Z",
            "I-8 2026-11-09T03:30:00Z",
            "I-9 2026-11-09T04:00:00Z",
            "W-10 2026-11-09T15:00:00Z",
            "W-10 2027-07-09T14:00:00Z",
            "W-11 2026-11-09T08:00:00Z",
        ]);
    }

    [Fact]
    public void NonsenseZoneCellsAreStillBadRows()
    {
        var replay = Replay(Mapping + "}", """
            A-1;2026-11-09 09:00;created;sev2;+25:00
            A-2;2026-11-09 09:00;created;sev2;UTC+x
            A-3;2026-11-09 09:00;created;sev2;Mars/Olympus
            A-4;2026-11-09 09:00;created;sev2;+530
            A-5;2026-11-09 09:00;created;sev2;GMT+19
            A-6;2026-11-09 09:00;created;sev2;Central Standard
            A-7;2026-11-09 09:00;created;sev2;UTC+01:60
            """);

        replay.Events.ShouldBeEmpty();
        replay.Problems.ShouldBe(
            new[] { "+25:00", "UTC+x", "Mars/Olympus", "+530", "GMT+19", "Central Standard", "UTC+01:60" }.Select((cell, i) =>
                $"cases.csv:{i + 2}: UTC offset: '{cell}' is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time"));
    }

    [Theory]
    [InlineData("UTC+1", "2026-11-09T08:00:00Z")]
    [InlineData("GMT", "2026-11-09T09:00:00Z")]
    [InlineData("-05:30", "2026-11-09T14:30:00Z")]
    [InlineData("W. Europe Standard Time", "2026-11-09T08:00:00Z")]
    public void TheMappingsTimeZoneTakesTheSameSpellings(string zone, string utc)
    {
        var replay = Replay($$"""{ "separator": ";", "ticket": "Case", "time": "Stamp", "type": "Action", "severity": "Prio", "timeFormat": "yyyy-MM-dd HH:mm", "timeZone": "{{zone}}" }""", """
            A-1;2026-11-09 09:00;created;sev2;
            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => TicketEventJson.FormatTime(e.At)).ShouldBe([utc]);
    }

    private static Replays Replay(string json, string rows, bool strict = false)
    {
        var mapping = MappingFile.Load(json, "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", Header + rows.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        using var source = new MappedCsvEventSource(file.Path, "cases.csv", mapping);
        return Replays.Run(Policies.Support, source, strict);
    }
}
