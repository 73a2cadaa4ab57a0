using NodaTime;
using EscalationDsl.Simulation.Input;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>How a CSV export is written: separator, the cell values that mean "no value", and the timestamp format.</summary>
/// <param name="Separator">The column separator.</param>
/// <param name="Missing">Cell values that mean "no value" besides the empty cell, such as <c>?</c>.</param>
/// <param name="Time">Timestamp format and time zone.</param>
public sealed record CsvLayout(char Separator, IReadOnlySet<string> Missing, TimeFormat Time)
{
    /// <summary>
    /// The column that gives each row's UTC offset (<c>+01:00</c>, <c>-0600</c>, <c>+01</c>) or IANA zone id; its
    /// rows' local times are read there, rows with an empty cell in <see cref="Zone"/>. Null when the export has none.
    /// </summary>
    public string? TimeZoneColumn { get; init; }

    /// <summary>True when the cell holds no value.</summary>
    public bool IsMissing(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.IsEmpty)
        {
            return true;
        }

        if (Missing is HashSet<string> set)
        {
            // Usually one marker, such as "?": comparing it (its length first) is cheaper than hashing the
            // cell, and the set's own enumerator is not boxed. Markers compare ordinally, as below.
            if (set.Count <= 4)
            {
                foreach (var marker in set)
                {
                    if (cell.SequenceEqual(marker))
                    {
                        return true;
                    }
                }

                return false;
            }

            // A larger ordinal set is looked up by span: no string for the cell.
            if (set.Comparer == StringComparer.Ordinal)
            {
                return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(cell);
            }
        }

        foreach (var marker in Missing)
        {
            if (cell.SequenceEqual(marker))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Why a timestamp cell gives no time: it holds no value (the marker quoted when there is one), or
    /// not a time in the layout's format.
    /// </summary>
    public string DescribeTime(ReadOnlySpan<char> cell) => IsMissing(cell)
        ? $"no value{(cell.IsEmpty ? "" : $" ('{cell}')")}"
        : Time.Describe(cell);

    /// <summary>The zone of local timestamps; null when none was given.</summary>
    public DateTimeZone? Zone => Time.Zone;
}
