using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// ESC2009 for a zone the database does not have: an abbreviation gets the region it usually means, a slip the ids
/// close to it but never a legacy id; and which accepted ids are legacy, keeping no region's clocks (ESL033's test).
/// </summary>
public sealed class TimeZoneNameTests
{
    [Theory]
    [InlineData("PST", "'PST' is not an IANA time zone; for US Pacific time write \"America/Los_Angeles\".")]
    [InlineData("pdt", "'pdt' is not an IANA time zone; for US Pacific time write \"America/Los_Angeles\".")]
    [InlineData("EDT", "'EDT' is not an IANA time zone; for US Eastern time write \"America/New_York\".")]
    [InlineData("CEST", "'CEST' is not an IANA time zone; for Central European time write the region id of the place, such as \"Europe/Berlin\" or \"Europe/Paris\".")]
    [InlineData("IST", "'IST' is not an IANA time zone; for India write \"Asia/Kolkata\", for Ireland \"Europe/Dublin\", for Israel \"Asia/Jerusalem\".")]
    public void AbbreviationGetsTheRegionItUsuallyMeans(string zone, string message) =>
        ZoneDiagnostic(zone).ShouldBe(("ESC2009", message));

    [Theory]
    [InlineData("CST5CDT")] // was: Did you mean 'CST6CDT', 'EST5EDT' or 'MST7MDT'?
    [InlineData("EST6")] // was: Did you mean 'EST'?
    public void SuggestionsNeverProposeALegacyId(string zone) =>
        ZoneDiagnostic(zone).ShouldBe(("ESC2009", $"'{zone}' is not an IANA time zone. Use a name such as \"America/New_York\" or \"Europe/Berlin\"."));

    [Fact]
    public void SlipInARegionIdStillGetsTheRegion() =>
        ZoneDiagnostic("America/Los_Angles").ShouldBe(("ESC2009",
            "'America/Los_Angles' is not an IANA time zone. Did you mean 'America/Los_Angeles'? Use a name such as \"America/New_York\" or \"Europe/Berlin\"."));

    [Theory]
    [InlineData("EST", "Time zone 'EST' is UTC-05:00 all year, with no daylight saving: the zone database keeps it as another name for America/Panama. For US Eastern time write \"America/New_York\".")]
    [InlineData("CET", "Time zone 'CET' switches between UTC+01:00 and UTC+02:00 (daylight saving): the zone database keeps it as another name for Europe/Brussels, whose clock changes need not be the place's. For Central European time write the region id of the place, such as \"Europe/Berlin\" or \"Europe/Paris\".")]
    [InlineData("MST7MDT", "Time zone 'MST7MDT' switches between UTC-07:00 and UTC-06:00 (daylight saving): the zone database keeps it for old systems, and it follows no region's changes to its clocks. For US Mountain time write \"America/Denver\", or \"America/Phoenix\" for Arizona, which keeps standard time all year.")]
    [InlineData("Etc/GMT+5", "Time zone 'Etc/GMT+5' is UTC-05:00 all year, with no daylight saving (the sign in the id is the reverse of the offset's): the zone database keeps it for old systems, and it follows no region's changes to its clocks. Write the region id of the place whose hours these are, such as \"America/New_York\" or \"Europe/Berlin\".")]
    [InlineData("GMT0", "Time zone 'GMT0' is UTC+00:00 all year, with no daylight saving: the zone database keeps it for old systems, and it follows no region's changes to its clocks. For UK time write \"Europe/London\", or \"UTC\" for UTC all year.")]
    public void LegacyIdSaysWhatItsClockDoesAndWhatToWrite(string id, string message) =>
        TimeZoneNames.Legacy(id).ShouldBe(message);

    [Theory]
    [InlineData("MST")]
    [InlineData("HST")]
    [InlineData("EET")]
    [InlineData("MET")]
    [InlineData("WET")]
    [InlineData("EST5EDT")]
    [InlineData("CST6CDT")]
    [InlineData("PST8PDT")]
    [InlineData("Etc/GMT-14")]
    [InlineData("GMT")]
    [InlineData("Greenwich")]
    public void LegacyIdsAreThoseThatKeepNoRegionsClocks(string id) => TimeZoneNames.Legacy(id).ShouldNotBeNull();

    [Theory]
    [InlineData("UTC")]
    [InlineData("Etc/UTC")]
    [InlineData("Etc/GMT")]
    [InlineData("Zulu")]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("US/Pacific")] // another name for America/Los_Angeles: the region's clocks
    [InlineData("Japan")]
    [InlineData("Asia/Calcutta")]
    [InlineData("PST")] // not in the database at all: ESC2009's
    public void RegionsTheirOtherNamesAndUtcAreNotLegacy(string id) => TimeZoneNames.Legacy(id).ShouldBeNull();

    private static (string Code, string Message) ZoneDiagnostic(string zone)
    {
        var model = SemanticModel.Create("z.esc", $$"""
            policy "z" version 1
            calendar office "{{zone}}" { hours mon..fri 09:00-17:00 }
            severity sev1 { acknowledge within 15m }
            """);

        var d = model.Diagnostics.ShouldHaveSingleItem();
        return (d.Code, d.Message);
    }
}
