using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// Shares one string per distinct cell value (group names, states, categories repeat on every row), so
/// reading a column allocates only the first time a value is seen. Bounded: past
/// <see cref="MaxEntries"/> distinct values it starts over, so unique values cannot grow it without limit.
/// </summary>
internal sealed class StringPool
{
    private const int MaxEntries = 50_000;
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool()
    {
        lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        if (strings.Count >= MaxEntries)
        {
            strings.Clear();
        }

        // Bytes that were not UTF-8 as U+FFFD, as UTF-8 reads them: the reader's mark is half a
        // surrogate pair, which writers of UTF-8 refuse. Such a cell is not found by its own text
        // next time, and is made again.
        var created = TicketEventJson.Shown(value);
        strings.Add(created);
        return created;
    }
}
