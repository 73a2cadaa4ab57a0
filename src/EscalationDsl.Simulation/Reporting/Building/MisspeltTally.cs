using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Counts the input's probably misspelt text values per (field, value). Only events that set one come
/// here (<see cref="ComparedTexts.Of"/> is null, and allocates nothing, for the others).
/// </summary>
internal sealed class MisspeltTally
{
    /// <summary>Rows the report keeps, as its other long tables do without <c>--top</c>.</summary>
    private const int Top = 15;

    private readonly Dictionary<(string Field, string Value), (IReadOnlyList<string> Meant, long Events, long FirstRow)> counts = [];
    private long events;

    public void Add(List<MisspeltText> misspelt, long row)
    {
        events++;
        foreach (var m in misspelt)
        {
            var key = (m.Field, m.Value);
            counts[key] = counts.TryGetValue(key, out var seen) ? seen with { Events = seen.Events + 1 } : (m.Meant, 1, row);
        }
    }

    /// <summary>The report's figures, or null when no event set such a value (the report then says nothing of them).</summary>
    public MisspeltValues? Build() => counts.Count == 0 ? null : new MisspeltValues(counts.Count, events,
    [
        .. counts.OrderByDescending(c => c.Value.Events)
            .ThenBy(c => c.Key.Field, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Value, StringComparer.Ordinal)
            .Take(Top)
            .Select(c => new MisspeltValueRow(c.Key.Field, c.Key.Value, c.Value.Meant, c.Value.Events, c.Value.FirstRow)),
    ]);
}
