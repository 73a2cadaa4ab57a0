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

    /// <summary>The field types of a `fields` block.</summary>
    public static readonly IReadOnlyList<string> FieldTypeNames = ["flag", "text", "number", "time", "enum"];
}
