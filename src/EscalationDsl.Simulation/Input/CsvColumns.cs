using EscalationDsl.Simulation.Sources;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Input;

/// <summary>Finds the columns a mapping names in a CSV header, with messages that list what the header has.</summary>
internal static class CsvColumns
{
    /// <summary>Opens a Sep reader that unescapes quotes, keeps every column as text and lets rows have a wrong column count (reported as bad rows).</summary>
    public static SepReader OpenReader(Stream content, char separator) =>
        Sep.New(separator).Reader(o => o with
        {
            Unescape = true,
            DisableColCountCheck = true,
            DisableFastFloat = true,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
        }).From(content);

    /// <summary>The index of a required column.</summary>
    /// <exception cref="SourceException">The header lacks it.</exception>
    public static int Required(SepReader reader, string file, string column, string purpose)
    {
        if (reader.Header.TryIndexOf(column, out var index))
        {
            return index;
        }

        var names = reader.Header.ColNames;
        throw new SourceException($"{file}:1: column '{column}' ({purpose}) is missing; the header has {names.Count} column{(names.Count == 1 ? "" : "s")}: {string.Join(", ", names.Take(40))}{(names.Count > 40 ? ", ..." : "")}");
    }

    /// <summary>The index of a column, or -1 when absent.</summary>
    public static int Optional(SepReader reader, string? column) => column is not null && reader.Header.TryIndexOf(column, out var index) ? index : -1;
}
