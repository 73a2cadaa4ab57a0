using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;

namespace EscalationDsl.Analysis;

/// <summary>
/// The values a policy names for its text fields: in conditions (<c>status == awaiting_customer</c>,
/// <c>tier in [gold, silver]</c>), routes and a <c>calendar by</c> block. A text field takes any value, so
/// a value an event sets that is one letter off a named one (<c>awaiting customer</c>) is taken as written
/// and silently differs from it; <c>esc explain</c> warns of it.
/// </summary>
public sealed class ComparedTexts
{
    private readonly Dictionary<string, HashSet<string>> byField = new(StringComparer.Ordinal);

    /// <summary>Values the policy maps (routes, <c>calendar by</c>): known, so never warned of, and no suggestion.</summary>
    private readonly HashSet<(string Field, string Value)> mapped = [];

    private ComparedTexts()
    {
    }

    /// <summary>The compared values of every text field (the built-in <c>status</c> included) in the policy's conditions.</summary>
    public static ComparedTexts Of(PolicyModel policy)
    {
        var compared = new ComparedTexts();
        foreach (var leaf in ModelWalker.Conditions(policy).SelectMany(ModelWalker.Leaves))
        {
            switch (leaf)
            {
                case CompareCondition { Field.Type: FieldType.Text, Operator: CompareOperator.Equal or CompareOperator.NotEqual } c:
                    compared.Add(c.Field.Name, c.Value);
                    break;
                case InCondition { Field.Type: FieldType.Text } i:
                    foreach (var value in i.Values)
                    {
                        compared.Add(i.Field.Name, value);
                    }

                    break;
            }
        }

        foreach (var route in policy.Routes)
        {
            foreach (var value in route.Entries.SelectMany(e => e.Values))
            {
                compared.mapped.Add((route.Field.Name, value));
            }
        }

        if (policy.CalendarChoice is { } choice)
        {
            foreach (var value in choice.Entries.SelectMany(e => e.Values))
            {
                compared.mapped.Add((choice.Field.Name, value));
            }
        }

        return compared;
    }

    /// <summary>
    /// The values conditions compare <paramref name="field"/> with that <paramref name="value"/> is
    /// probably a misspelling of, or none: it is none of the values the policy names for the field, and
    /// differs from one only in letter case or by one character that is not a digit (<c>p2</c> against
    /// <c>p1</c> is another value, not a typo).
    /// </summary>
    public IReadOnlyList<string> Misspelt(string field, string value)
    {
        if (!byField.TryGetValue(field, out var values) || values.Contains(value) || mapped.Contains((field, value)))
        {
            return [];
        }

        var folded = value.ToLowerInvariant();
        return [.. values.Where(v => Language.Diagnostics.NameSuggester.Distance(folded, v.ToLowerInvariant()) <= 1 && !DiffersInADigit(folded, v.ToLowerInvariant()))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Same length, and the one place they differ holds a digit on either side.</summary>
    private static bool DiffersInADigit(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return char.IsAsciiDigit(a[i]) || char.IsAsciiDigit(b[i]);
            }
        }

        return false;
    }

    private void Add(string field, string value)
    {
        if (!byField.TryGetValue(field, out var values))
        {
            byField[field] = values = new HashSet<string>(StringComparer.Ordinal);
        }

        values.Add(value);
    }
}
