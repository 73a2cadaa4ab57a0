namespace EscalationDsl.Language.Diagnostics;

/// <summary>The words messages list and suggest from: SLA components, field types, duration units.</summary>
public static partial class DiagnosticCatalog
{
    /// <summary>The SLA components a severity can set with `within`.</summary>
    public static readonly IReadOnlyList<string> SlaComponentNames = ["acknowledge", "first_update", "assign", "mitigate", "resolve"];

    /// <summary>Units of wall-clock durations written as words: `4 hours`.</summary>
    private static readonly string[] WordUnits = ["minute", "minutes", "hour", "hours", "day", "days", "week", "weeks"];

    /// <summary>Units of business durations: `4 business hours`.</summary>
    private static readonly string[] BusinessUnits = ["minute", "minutes", "hour", "hours", "day", "days"];

    /// <summary>Spellings people reach for, mapped to the one-letter unit of the compact form.</summary>
    private static readonly Dictionary<string, (string Unit, string Word)> CompactUnitAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["m"] = ("m", "minutes"), ["min"] = ("m", "minutes"), ["mins"] = ("m", "minutes"), ["minute"] = ("m", "minutes"), ["minutes"] = ("m", "minutes"),
        ["h"] = ("h", "hours"), ["hr"] = ("h", "hours"), ["hrs"] = ("h", "hours"), ["hour"] = ("h", "hours"), ["hours"] = ("h", "hours"),
        ["d"] = ("d", "days"), ["day"] = ("d", "days"), ["days"] = ("d", "days"),
        ["w"] = ("w", "weeks"), ["wk"] = ("w", "weeks"), ["wks"] = ("w", "weeks"), ["week"] = ("w", "weeks"), ["weeks"] = ("w", "weeks"),
    };

    /// <summary>Words people put before a unit to mean business time (`2 working days`), or join to one (`2 workdays`).</summary>
    private static readonly string[] BusinessWords = ["working_", "working", "work_", "work", "business_", "business", "biz_", "biz", "office_", "office"];

    /// <summary>Whether the word is a duration unit as a word or an abbreviation of one (<c>days</c>, <c>hrs</c>), not a one-letter unit.</summary>
    internal static bool IsUnitWord(string word) => word.Length > 1 && CompactUnitAliases.ContainsKey(word);

    /// <summary>
    /// The unit word meant by business time written another way, or null: <c>days</c> for <c>working</c> followed by
    /// <c>days</c>, and for <c>workdays</c> or <c>business_days</c> written as one word.
    /// </summary>
    private static string? BusinessUnitMeant(string unit, string? followingUnit)
    {
        var lower = unit.ToLowerInvariant();
        var rest = followingUnit is not null
            ? BusinessWords.Contains(lower) ? followingUnit : null
            : BusinessWords.FirstOrDefault(w => lower.Length > w.Length && lower.StartsWith(w, StringComparison.Ordinal)) is { } prefix ? lower[prefix.Length..] : null;
        return rest is not null && IsUnitWord(rest) ? UnitWord(rest) : null;
    }

    /// <summary>The unit as a word the language takes: kept when it is one (<c>day</c>), spelt out when it abbreviates one (<c>hrs</c>: <c>hours</c>).</summary>
    private static string UnitWord(string unit) => WordUnits.Contains(unit) ? unit : CompactUnitAliases[unit].Word;

    /// <summary>The field types of a `fields` block.</summary>
    public static readonly IReadOnlyList<string> FieldTypeNames = ["flag", "text", "number", "time", "enum"];
}
