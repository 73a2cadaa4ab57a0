using NodaTime;
using EscalationDsl.Simulation.Input;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>How a CSV export is written: separator, the cell values that mean "no value", and the timestamp format.</summary>
/// <param name="Separator">The column separator.</param>
/// <param name="Missing">Cell values that mean "no value" besides the empty cell, such as <c>?</c>.</param>
/// <param name="Time">Timestamp format and time zone.</param>
public sealed record CsvLayout(char Separator, IReadOnlySet<string> Missing, TimeFormat Time)
{
    /// <summary>True when the cell holds no value.</summary>
    public bool IsMissing(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty)
        {
            return true;
        }

        // A lookup by span: no string for the cell, no boxed enumerator per call.
        return Missing is HashSet<string> set && set.Comparer == StringComparer.Ordinal
            ? set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(cell)
            : Missing.Contains(cell.ToString());
    }

    /// <summary>The zone of local timestamps.</summary>
    public DateTimeZone Zone => Time.Zone;
}
