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
    /// <summary>Per field that conditions compare: the values they compare it with, and every value the policy names for it.</summary>
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
    /// neighbours swapped) that is not a digit (<c>p2</c> against <c>p1</c> is another value, not a typo).
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

    /// <summary>The shortest compared value a one-character slip is warned of against; shorter ones, letter case only.</summary>
    private const int ShortestSlipped = 4;

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
            // A value of one to three characters is a code (`eu`, `us`, `p1`) whose neighbours one letter
            // off are other codes (`es`, `uk`): only letter case tells a slip there.
            if (compared.Length < ShortestSlipped ? string.Equals(value, compared, StringComparison.OrdinalIgnoreCase) : OneSlipApart(value, compared))
            {
                (near ??= []).Add(compared);
            }
        }

        return (IReadOnlyList<string>?)near ?? [];
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> differ, ignoring letter case, by at most one
    /// insertion, deletion, substitution or swap of neighbours, and the first place they differ holds
    /// no digit. Without allocating: every event value of a compared field
    /// that the policy does not name comes here.
    /// </summary>
    internal static bool OneSlipApart(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var start = 0;
        while (start < a.Length && start < b.Length && Same(a[start], b[start]))
        {
            start++;
        }

        if (a.Length != b.Length)
        {
            // One inserted or left out, not a digit (`l21` or `l` beside `l2` is another value): what
            // follows the first difference lines up past it.
            var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
            return !char.IsAsciiDigit(longer[start]) && Rest(longer, start + 1, shorter, start);
        }

        if (start == a.Length)
        {
            return true; // only letter case differs
        }

        if (char.IsAsciiDigit(a[start]) || char.IsAsciiDigit(b[start]))
        {
            return false;
        }

        return Rest(a, start + 1, b, start + 1)
            || start + 1 < a.Length && Same(a[start], b[start + 1]) && Same(a[start + 1], b[start]) && Rest(a, start + 2, b, start + 2);
    }

    private static bool Rest(string a, int i, string b, int j)
    {
        if (a.Length - i != b.Length - j)
        {
            return false;
        }

        for (; i < a.Length; i++, j++)
        {
            if (!Same(a[i], b[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(char x, char y) => x == y || char.ToLowerInvariant(x) == char.ToLowerInvariant(y);

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
        private readonly Dictionary<string, HashSet<string>> mapped = new(StringComparer.Ordinal);

        /// <summary>A condition compares the text field with the value (<c>==</c>, <c>!=</c>, <c>in</c>).</summary>
        public void Compared(FieldModel field, string value)
        {
            if (field.Type == FieldType.Text)
            {
                Set(compared, field.Name, () => new SortedSet<string>(StringComparer.Ordinal)).Add(value);
            }
        }

        /// <summary>A route or the <c>calendar by</c> block maps the value: known, so never warned of, and no suggestion.</summary>
        public void Mapped(string field, string value) => Set(mapped, field, () => new HashSet<string>(StringComparer.Ordinal)).Add(value);

        public ComparedTexts Build() => new(compared.ToFrozenDictionary(
            c => c.Key,
            c => new FieldTexts([.. c.Value], c.Value.Concat(mapped.GetValueOrDefault(c.Key) ?? []).ToFrozenSet(StringComparer.Ordinal)),
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
