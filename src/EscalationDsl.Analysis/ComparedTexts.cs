using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;

namespace EscalationDsl.Analysis;

/// <summary>
/// The values a policy's conditions compare its text fields with (<c>status == awaiting_customer</c>,
/// <c>tier in [gold, silver]</c>). A text field takes any value, so a value an event sets that is one
/// letter off a compared one (<c>awaiting customer</c>) is taken as written and silently matches
/// nothing; tools that read events say so.
/// </summary>
public sealed class ComparedTexts
{
    private readonly Dictionary<string, HashSet<string>> byField = new(StringComparer.Ordinal);

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

        return compared;
    }

    /// <summary>
    /// The compared values of <paramref name="field"/> that <paramref name="value"/> is probably a
    /// misspelling of (close to one, and none of them), or none.
    /// </summary>
    public IReadOnlyList<string> Misspelt(string field, string value) =>
        byField.TryGetValue(field, out var values) && !values.Contains(value)
            ? Language.Diagnostics.NameSuggester.Closest(value, values)
            : [];

    private void Add(string field, string value)
    {
        if (!byField.TryGetValue(field, out var values))
        {
            byField[field] = values = new HashSet<string>(StringComparer.Ordinal);
        }

        values.Add(value);
    }
}
