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

    /// <summary>The shortest compared value a one-character slip is warned of against; shorter ones, letter case only.</summary>
    private const int ShortestSlipped = 5;

    /// <summary>The longest run of letters that is a code (the <c>a</c> of <c>us-east-1a</c>, the <c>ca</c> of <c>fr-ca</c>): one letter off it is another code.</summary>
    private const int LongestCode = 2;

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
            // A value of one to four characters is a code or a short word (`eu`, `p1`, `iraq`) whose
            // neighbours one letter off are other values (`es`, `iran`): only letter case tells a slip there.
            if (compared.Length < ShortestSlipped ? string.Equals(value, compared, StringComparison.OrdinalIgnoreCase) : OneSlipApart(value, compared))
            {
                (near ??= []).Add(compared);
            }
        }

        return (IReadOnlyList<string>?)near ?? [];
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> differ, ignoring letter case, by at most one
    /// insertion, deletion, substitution or swap of neighbours, the first place they differ holds
    /// no digit, and the edit touches no code in either (<see cref="TouchesCode"/>). Without allocating:
    /// every event value of a compared field that the policy does not name comes here.
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
            return !char.IsAsciiDigit(longer[start]) && Rest(longer, start + 1, shorter, start)
                && !TouchesCode(longer, start, start + 1, shorter, start);
        }

        if (start == a.Length)
        {
            return true; // only letter case differs
        }

        if (char.IsAsciiDigit(a[start]) || char.IsAsciiDigit(b[start]))
        {
            return false;
        }

        // One replaced, or two neighbours swapped.
        var end = Rest(a, start + 1, b, start + 1) ? start + 1
            : start + 1 < a.Length && Same(a[start], b[start + 1]) && Same(a[start + 1], b[start]) && Rest(a, start + 2, b, start + 2) ? start + 2
            : -1;
        return end > 0 && !TouchesCode(a, start, end, b, end);
    }

    /// <summary>
    /// Whether the edit that makes <paramref name="b"/> of <paramref name="a"/> (its
    /// <c>[start, aEnd)</c> written as <paramref name="b"/>'s <c>[start, bEnd)</c>, the rest alike) touches
    /// a code in either: a run of at most <see cref="LongestCode"/> letters, bounded by the value's ends,
    /// digits or other non-letters. One letter off a code is another code (<c>us-east-1b</c> beside
    /// <c>us-east-1a</c>, <c>fr-ch</c> beside <c>fr-ca</c>), as is the code lengthened or left out
    /// (<c>fr-cax</c>, <c>us-east-1</c>).
    /// </summary>
    private static bool TouchesCode(string a, int start, int aEnd, string b, int bEnd) =>
        Touches(a, start, aEnd, b, bEnd) || Touches(b, start, bEnd, a, aEnd);

    /// <summary>
    /// Whether the edit changes, leaves out or moves a letter of a code of <paramref name="x"/>, puts a
    /// character between two of its letters, or leaves a letter right beside it (<c>fr-cax</c>,
    /// <c>frca</c> of <c>fr-ca</c>). What the edit adds to <paramref name="x"/> is <paramref name="y"/>'s
    /// side of it: the caller asks both ways.
    /// </summary>
    private static bool Touches(string x, int start, int xEnd, string y, int yEnd)
    {
        for (var i = start; i < xEnd; i++)
        {
            if (InCode(x, i))
            {
                return true;
            }
        }

        // A code just before the edit: the edit puts a character between two of its letters, or a
        // letter comes right after it.
        if (start > 0 && InCode(x, start - 1)
            && (xEnd == start && start < x.Length && char.IsLetter(x[start]) || start < y.Length && char.IsLetter(y[start])))
        {
            return true;
        }

        // A code just after the edit, and a letter now comes right before it.
        return xEnd < x.Length && InCode(x, xEnd) && yEnd > 0 && char.IsLetter(y[yEnd - 1]);
    }

    /// <summary>Whether <paramref name="x"/>'s character at <paramref name="i"/> is a letter of a code: a run of at most <see cref="LongestCode"/> letters.</summary>
    private static bool InCode(string x, int i)
    {
        if (!char.IsLetter(x[i]))
        {
            return false;
        }

        var letters = 1;
        for (var j = i - 1; j >= 0 && char.IsLetter(x[j]) && letters <= LongestCode; j--)
        {
            letters++;
        }

        for (var j = i + 1; j < x.Length && char.IsLetter(x[j]) && letters <= LongestCode; j++)
        {
            letters++;
        }

        return letters <= LongestCode;
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
