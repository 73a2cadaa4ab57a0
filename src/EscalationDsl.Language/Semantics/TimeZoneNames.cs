using System.Collections.Frozen;
using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// What a time-zone name a user writes means, beyond whether the zone database has it (docs/language.md, Calendars):
/// the region a common abbreviation usually stands for (<c>PST</c>: <c>America/Los_Angeles</c>), and the legacy ids the
/// database still accepts but that keep no region's clocks (<c>EST</c> is UTC-05:00 all year).
/// </summary>
public static class TimeZoneNames
{
    private static readonly TzdbDateTimeZoneSource Source = TzdbDateTimeZoneSource.Default;
    private static readonly OffsetPattern OffsetText = OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    /// <summary>The ids of the database's regions (its zone.tab), such as <c>Europe/Berlin</c>.</summary>
    private static readonly FrozenSet<string> Regions = Source.ZoneLocations!.Select(l => l.ZoneId).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The abbreviations people write for a zone, with the region ids they usually mean. Kept small: the ones of
    /// large user bases, and every legacy id the database links to a region under an abbreviation's name
    /// (<c>CET</c>, <c>EET</c>, <c>EST</c>, <c>HST</c>, <c>MET</c>, <c>MST</c>, <c>WET</c>) or keeps as a
    /// zone of its own (<c>EST5EDT</c>, ...). Matched ignoring case.
    /// </summary>
    private static readonly FrozenDictionary<string, string> Abbreviations = Table(
        (["PST", "PDT", "PT", "PST8PDT"], "for US Pacific time write \"America/Los_Angeles\""),
        (["MST", "MDT", "MT", "MST7MDT"], "for US Mountain time write \"America/Denver\", or \"America/Phoenix\" for Arizona, which keeps standard time all year"),
        (["CST", "CDT", "CT", "CST6CDT"], "for US Central time write \"America/Chicago\", for China \"Asia/Shanghai\""),
        (["EST", "EDT", "ET", "EST5EDT"], "for US Eastern time write \"America/New_York\""),
        (["AKST", "AKDT"], "for Alaska time write \"America/Anchorage\""),
        (["HST", "HDT"], "for Hawaii time write \"Pacific/Honolulu\""),
        (["GMT", "BST"], "for UK time write \"Europe/London\", or \"UTC\" for UTC all year"),
        (["CET", "CEST", "MET", "MEST"], "for Central European time write the region id of the place, such as \"Europe/Berlin\" or \"Europe/Paris\""),
        (["EET", "EEST"], "for Eastern European time write the region id of the place, such as \"Europe/Athens\" or \"Europe/Helsinki\""),
        (["WET", "WEST"], "for Western European time write the region id of the place, such as \"Europe/Lisbon\""),
        (["IST"], "for India write \"Asia/Kolkata\", for Ireland \"Europe/Dublin\", for Israel \"Asia/Jerusalem\""),
        (["JST"], "for Japan time write \"Asia/Tokyo\""),
        (["AEST", "AEDT"], "for Australian Eastern time write \"Australia/Sydney\" or \"Australia/Melbourne\", or \"Australia/Brisbane\" for Queensland, which keeps standard time all year"));

    /// <summary>The ids a suggestion may offer: every id of the database that is not legacy (<see cref="Legacy"/>).</summary>
    private static readonly ImmutableArray<string> Suggestable = [.. Source.GetIds().Where(id => Legacy(id) is null)];

    /// <summary>
    /// What to write for an abbreviation (<c>for US Pacific time write "America/Los_Angeles"</c>), or null when
    /// <paramref name="name"/> is none of the table's.
    /// </summary>
    public static string? RegionFor(string name) => Abbreviations.GetValueOrDefault(name);

    /// <summary>
    /// The zone ids close to a name the database does not have (<c>Europe/Berlin</c> for <c>Europe/Berln</c>),
    /// never a legacy id: an abbreviation's fixed-offset namesake would be the worst answer.
    /// </summary>
    public static IReadOnlyList<string> Closest(string name) => NameSuggester.Closest(name, Suggestable);

    /// <summary>
    /// Why a zone id the database accepts keeps no region's clocks, with the id to write instead, as a sentence;
    /// null for a region id, another name of one (<c>US/Pacific</c>), UTC, and the ids the database does not have.
    /// An id is legacy when it names no region and is no other name of one (<c>EST5EDT</c>, <c>Etc/GMT+5</c>,
    /// <c>GMT</c>), or when it is another name of one under an abbreviation's name (<c>EST</c> is
    /// <c>America/Panama</c>, UTC-05:00 all year; <c>CET</c> is <c>Europe/Brussels</c>). UTC written as
    /// <c>UTC</c>, <c>Etc/UTC</c> or an <c>Etc/GMT</c> id of offset zero is not.
    /// </summary>
    public static string? Legacy(string id)
    {
        if (Regions.Contains(id) || !Source.CanonicalIdMap.TryGetValue(id, out var canonical) || canonical == "Etc/UTC"
            || id.StartsWith("Etc/", StringComparison.Ordinal) && canonical == "Etc/GMT")
        {
            return null;
        }

        var isRegion = Regions.Contains(canonical);
        // GMT0, GMT+0 and Greenwich are GMT by other names.
        var region = RegionFor(canonical == "Etc/GMT" ? "GMT" : id);
        if (isRegion && region is null)
        {
            return null;
        }

        var (behaviour, switches) = Behaviour(id, DateTimeZoneProviders.Tzdb[id]);
        var origin = (isRegion, switches) switch
        {
            (true, true) => $"the zone database keeps it as another name for {canonical}, whose clock changes need not be the place's",
            (true, false) => $"the zone database keeps it as another name for {canonical}",
            _ => "the zone database keeps it for old systems, and it follows no region's changes to its clocks",
        };
        var advice = region ?? "write the region id of the place whose hours these are, such as \"America/New_York\" or \"Europe/Berlin\"";
        return $"Time zone '{id}' {behaviour}: {origin}. {char.ToUpperInvariant(advice[0])}{advice[1..]}.";
    }

    /// <summary>
    /// What the zone's clock does under its current rules, read in a year past every change the database schedules
    /// (January and July, so either hemisphere's summer is seen).
    /// </summary>
    private static (string Text, bool Switches) Behaviour(string id, DateTimeZone zone)
    {
        var winter = zone.GetUtcOffset(Instant.FromUtc(2100, 1, 15, 12, 0));
        var summer = zone.GetUtcOffset(Instant.FromUtc(2100, 7, 15, 12, 0));
        if (winter == summer)
        {
            // Etc/GMT+5 is five hours behind UTC: POSIX's sign, the reverse of how offsets are written.
            var reversed = id.StartsWith("Etc/GMT", StringComparison.Ordinal) && winter != Offset.Zero ? " (the sign in the id is the reverse of the offset's)" : "";
            return ($"is UTC{OffsetText.Format(winter)} all year, with no daylight saving{reversed}", false);
        }

        var (standard, daylight) = winter < summer ? (winter, summer) : (summer, winter);
        return ($"switches between UTC{OffsetText.Format(standard)} and UTC{OffsetText.Format(daylight)} (daylight saving)", true);
    }

    private static FrozenDictionary<string, string> Table(params (string[] Names, string Region)[] rows) =>
        rows.SelectMany(r => r.Names.Select(n => (Name: n, r.Region))).ToFrozenDictionary(x => x.Name, x => x.Region, StringComparer.OrdinalIgnoreCase);
}
