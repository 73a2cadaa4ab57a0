namespace EscalationDsl.Runtime.Events;

/// <summary>
/// Whether a text value is a slip of one a policy compares the field with (<see cref="ComparedTexts"/>):
/// a typo an integrator would never notice, or another value the policy does not name. Without
/// allocating: every event value of a compared field that the policy does not name comes here.
/// </summary>
internal static class TextSlip
{
    /// <summary>The shortest compared value a one-character slip is warned of against; shorter ones, letter case only.</summary>
    private const int ShortestSlipped = 5;

    /// <summary>The longest run of letters that is a code (the <c>a</c> of <c>us-east-1a</c>, the <c>ca</c> of <c>fr-ca</c>): one letter off it is another code.</summary>
    private const int LongestCode = 2;

    /// <summary>
    /// Whether <paramref name="value"/> is probably a misspelling of <paramref name="compared"/>: it differs
    /// only in letter case, or, against a compared value of <see cref="ShortestSlipped"/> characters or
    /// more, by one slip (<see cref="OneSlipApart"/>).
    /// </summary>
    public static bool IsSlipOf(string value, string compared) =>
        // A value of one to four characters is a code or a short word (`eu`, `p1`, `iraq`) whose
        // neighbours one letter off are other values (`es`, `iran`): only letter case tells a slip there.
        compared.Length < ShortestSlipped ? string.Equals(value, compared, StringComparison.OrdinalIgnoreCase) : OneSlipApart(value, compared);

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> differ, ignoring letter case, by at most one
    /// insertion, deletion, substitution or swap of neighbours, the first place they differ holds
    /// no digit, and the edit touches no code in either (<see cref="TouchesCode"/>).
    /// </summary>
    private static bool OneSlipApart(string a, string b)
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
}
