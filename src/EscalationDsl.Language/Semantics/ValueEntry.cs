using System.Collections.Immutable;
using System.Globalization;

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
    /// <summary>
    /// The first entry listing <paramref name="value"/>, or null, also for no value. Values of a
    /// <c>number</c> field compare as numbers (<c>01</c> is <c>1</c>), as conditions compare them;
    /// others compare ordinally.
    /// </summary>
    public static T? Find<T>(FieldModel field, ImmutableArray<T> entries, string? value)
        where T : class, IValueEntry
    {
        if (value is null)
        {
            return null;
        }

        var key = Key(field, value);
        foreach (var entry in entries)
        {
            foreach (var v in entry.Values)
            {
                if (string.Equals(Key(field, v), key, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The form in which a value of the field is compared: a <c>number</c> field's value that is a
    /// number in its canonical digits (<c>+01</c> is <c>1</c>), anything else as it is.
    /// </summary>
    public static string Key(FieldModel field, string value) =>
        field.Type == FieldType.Number && NumberValue.Read(value) is { } n
            ? n.ToString(CultureInfo.InvariantCulture)
            : value;
}
