using System.Collections.Frozen;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The values a policy names for its text fields: the ones its conditions compare them with
/// (<c>status == awaiting_customer</c>, <c>tier in [gold, silver]</c>), and the ones its routes and
/// <c>calendar by</c> block map. A text field takes any value, so a value an event sets that is one
/// letter off a compared one (<c>awaiting customer</c>) is taken as written and silently differs from
/// it: <c>esc explain</c>, <c>esc sim</c> and the engine tell of it. Built once when the policy is
/// compiled (<see cref="CompiledPolicy.ComparedTexts"/>); asking about a value costs one or two hash
/// lookups and allocates nothing unless the value is misspelt.
/// </summary>
public sealed class ComparedTexts
{
    /// <summary>Per text field the policy compares or maps: the values it names for it.</summary>
    private readonly FrozenDictionary<string, FieldTexts> byField;

    /// <summary>The entries of <c>status</c> and <c>issue_type</c>, held apart: most events set one of them.</summary>
    private readonly FieldTexts? status;
    private readonly FieldTexts? issueType;

    /// <summary>The lengths of the compared fields' names (<see cref="LengthBit"/>): most field names an event sets are told apart without hashing.</summary>
    private readonly ulong fieldLengths;

    private ComparedTexts(FrozenDictionary<string, FieldTexts> byField)
    {
        this.byField = byField;
        status = byField.GetValueOrDefault("status");
        issueType = byField.GetValueOrDefault("issue_type");
        foreach (var field in byField.Keys)
        {
            fieldLengths |= LengthBit(field.Length);
        }
    }

    /// <summary>
    /// The values conditions compare <paramref name="field"/> with that <paramref name="value"/> is
    /// probably a misspelling of, or none: it is none of the values the policy names for the field, and
    /// differs from one only in letter case or by one character (inserted, left out, replaced, or two
    /// neighbours swapped) that is not a digit (<c>p2</c> against <c>p1</c> is another value, not a typo)
    /// and touches no run of one or two letters (<c>us-east-1b</c> against <c>us-east-1a</c>, <c>fr-ch</c>
    /// against <c>fr-ca</c>: other codes); against a compared value of one to four characters
    /// (<c>eu</c>, <c>iraq</c>), only letter case.
    /// </summary>
    public IReadOnlyList<string> Misspelt(string field, string value) =>
        byField.TryGetValue(field, out var texts) ? Near(texts, value) : [];

    /// <summary>
    /// The text values of an event that look misspelt (its <c>status</c>, its <c>issue_type</c> and its
    /// <c>fields</c>, as the runtime reads them for its kind), in the event's order; null when none does,
    /// which allocates nothing.
    /// </summary>
    public List<MisspeltText>? Of(TicketEvent e)
    {
        if (byField.Count == 0)
        {
            return null;
        }

        List<MisspeltText>? found = null;
        if (status is not null && e.Kind == TicketEventKind.Status && e.Status is { } statusValue)
        {
            Check(status, "status", "status", statusValue, ref found);
        }

        if (issueType is not null && e.Kind == TicketEventKind.Created && e.IssueType is { } issueTypeValue)
        {
            Check(issueType, "issue_type", "issue_type", issueTypeValue, ref found);
        }

        if (e.Fields is { } fields)
        {
            // Indexed: a foreach over the interface would allocate an enumerator for every event.
            for (var i = 0; i < fields.Count; i++)
            {
                var (field, value) = fields[i];
                if (value is not null && (fieldLengths & LengthBit(field.Length)) != 0 && byField.TryGetValue(field, out var texts))
                {
                    Check(texts, field, null, value, ref found);
                }
            }
        }

        return found;
    }

    private static void Check(FieldTexts texts, string field, string? member, string value, ref List<MisspeltText>? found)
    {
        if (Near(texts, value) is { Count: > 0 } meant)
        {
            (found ??= []).Add(new MisspeltText(field, member ?? "fields." + field, value, meant));
        }
    }

    private static IReadOnlyList<string> Near(FieldTexts texts, string value)
    {
        // A value of a length no named value has, and more than one off every compared one, is neither
        // named nor misspelt: most values of a compared field are told so without hashing them.
        if ((texts.Lengths & LengthBit(value.Length)) == 0 || texts.Known.Contains(value))
        {
            return [];
        }

        List<string>? near = null;
        foreach (var compared in texts.Compared)
        {
            if (TextSlip.IsSlipOf(value, compared))
            {
                (near ??= []).Add(compared);
            }
        }

        return (IReadOnlyList<string>?)near ?? [];
    }

    /// <summary>A length as one bit of a mask; lengths from 63 on share the last bit.</summary>
    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    /// <summary>
    /// The values conditions compare a field with, all the values the policy names for it, and the
    /// lengths a value may have to be either (a named value's, or one off a compared value's).
    /// </summary>
    private sealed record FieldTexts(string[] Compared, FrozenSet<string> Known)
    {
        public ulong Lengths { get; } = Known.Aggregate(0UL, (mask, v) => mask | LengthBit(v.Length))
            | Compared.Aggregate(0UL, (mask, v) => mask | LengthBit(v.Length) | LengthBit(v.Length + 1) | LengthBit(Math.Max(v.Length - 1, 0)));
    }

    /// <summary>Gathers the values while the policy compiles: the condition compiler sees every comparison.</summary>
    internal sealed class Builder
    {
        private readonly Dictionary<string, SortedSet<string>> compared = new(StringComparer.Ordinal);

        /// <summary>A condition compares the text field with the value (<c>==</c>, <c>!=</c>, <c>in</c>), or a route or <c>calendar by</c> maps it.</summary>
        public void Compared(FieldModel field, string value)
        {
            if (field.Type == FieldType.Text)
            {
                Set(compared, field.Name, () => new SortedSet<string>(StringComparer.Ordinal)).Add(value);
            }
        }

        public ComparedTexts Build() => new(compared.ToFrozenDictionary(
            c => c.Key,
            c => new FieldTexts([.. c.Value], c.Value.ToFrozenSet(StringComparer.Ordinal)),
            StringComparer.Ordinal));

        private static TSet Set<TSet>(Dictionary<string, TSet> sets, string field, Func<TSet> create)
        {
            if (!sets.TryGetValue(field, out var set))
            {
                sets[field] = set = create();
            }

            return set;
        }
    }
}
