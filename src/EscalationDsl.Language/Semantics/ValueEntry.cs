using System.Collections.Immutable;

namespace EscalationDsl.Language.Semantics;

/// <summary>A line of a route or a <c>calendar by</c> block: the field values it lists.</summary>
public interface IValueEntry
{
    /// <summary>The values, as written.</summary>
    ImmutableArray<string> Values { get; }
}

/// <summary>Finding the line that lists a value.</summary>
public static class ValueEntries
{
    /// <summary>The first entry listing <paramref name="value"/> (compared ordinally), or null, also for no value.</summary>
    public static T? Find<T>(ImmutableArray<T> entries, string? value)
        where T : class, IValueEntry
    {
        if (value is not null)
        {
            foreach (var entry in entries)
            {
                foreach (var v in entry.Values)
                {
                    if (string.Equals(v, value, StringComparison.Ordinal))
                    {
                        return entry;
                    }
                }
            }
        }

        return null;
    }
}
