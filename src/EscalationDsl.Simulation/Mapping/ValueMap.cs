using System.Globalization;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// One mapped column: the value in the source column becomes a value the policy knows. A missing
/// cell gives no value. With a table, a listed value maps to its entry (null: no value); an unlisted
/// one maps to the default when one is given, else passes through unchanged. With <c>byRank</c> the
/// leading number of the cell ("1 - Critical") picks the N-th of the ranked values (clamped to the last).
/// </summary>
public sealed class ValueMap
{
    private readonly Dictionary<string, string?> values;
    private readonly Dictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>Creates a map over <paramref name="column"/>.</summary>
    public ValueMap(string column, IReadOnlyDictionary<string, string?>? table = null, bool hasDefault = false, string? defaultValue = null, IReadOnlyList<string>? ranked = null)
    {
        Column = column;
        values = new Dictionary<string, string?>(table ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
        HasDefault = hasDefault;
        Default = defaultValue;
        Ranked = ranked;
    }

    /// <summary>The source column.</summary>
    public string Column { get; }

    /// <summary>The explicit table.</summary>
    public IReadOnlyDictionary<string, string?> Table => values;

    /// <summary>Whether unlisted values map to <see cref="Default"/>.</summary>
    public bool HasDefault { get; }

    /// <summary>The value of unlisted cells when <see cref="HasDefault"/> (null: no value).</summary>
    public string? Default { get; }

    /// <summary>The ranked values for <c>byRank</c> mapping, or null.</summary>
    public IReadOnlyList<string>? Ranked { get; }

    /// <summary>Maps a cell that is not missing; returns null for "no value".</summary>
    public string? Map(string cell)
    {
        if (values.TryGetValue(cell, out var mapped))
        {
            return mapped;
        }

        // Ranks start at 1: a cell numbered 0 has no rank (it is not the most severe), so it is not mapped by rank.
        if (Ranked is { Count: > 0 } ranked && LeadingNumber(cell) is { } rank and >= 1)
        {
            return ranked[Math.Clamp(rank, 1, ranked.Count) - 1];
        }

        return HasDefault ? Default : cell;
    }

    /// <summary>True when the map turns this cell into <paramref name="cell"/> itself (no table hit, no rank, no default).</summary>
    public bool PassesThrough(ReadOnlySpan<char> cell) => !lookup.ContainsKey(cell) && Ranked is null && !HasDefault;

    private static int? LeadingNumber(string cell)
    {
        var end = 0;
        while (end < cell.Length && char.IsAsciiDigit(cell[end]))
        {
            end++;
        }

        return end > 0 && int.TryParse(cell.AsSpan(0, end), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
