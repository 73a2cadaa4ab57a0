namespace EscalationDsl.Language.Diagnostics;

/// <summary>Finds the declared names closest to a misspelt one (optimal string alignment distance).</summary>
public static class NameSuggester
{
    /// <summary>
    /// The candidates within a small edit distance of <paramref name="name"/>, closest first.
    /// The allowed distance grows with the length of the name (1 for short names, at most 3).
    /// Case is ignored when measuring, so `SEV1` finds `sev1` and `FRONTLINE` finds `Frontline`
    /// (names are case-sensitive, and a name written in another case is the likeliest slip);
    /// among candidates as close, the one that also matches the case comes first. A candidate the name starts with,
    /// of five characters or more, is near too when the name adds at most four (<c>acknowledgement</c> finds
    /// <c>acknowledge</c>, <c>resolved</c> finds <c>resolve</c>), as one the name is the start of is. So is a candidate of
    /// four characters or more that is the name's first snake_case word (<c>status_changed</c> finds <c>status</c>), unless
    /// the words after it end another candidate and say no more than that something happened (a word ending in <c>ed</c>):
    /// <c>status_update</c> is an update, like <c>customer_update</c>, not the <c>status</c> it begins with. And one
    /// the name abbreviates: it begins with the name's first two letters and holds all of them in order
    /// (<c>acked</c> finds <c>acknowledged</c>).
    /// </summary>
    public static IReadOnlyList<string> Closest(string name, IEnumerable<string> candidates, int max = 3)
    {
        var limit = Math.Clamp(name.Length / 3, 1, 3);
        var folded = name.ToLowerInvariant();
        var all = candidates.Distinct(StringComparer.Ordinal).ToList();
        var near = all
            .Select(c => (Name: c, Distance: Distance(folded, c.ToLowerInvariant()), Exact: Distance(name, c)))
            .Where(x => x.Distance <= limit
                || x.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase) && name.Length >= 3
                || name.StartsWith(x.Name, StringComparison.OrdinalIgnoreCase) && x.Name.Length >= 5 && name.Length - x.Name.Length <= 4
                || FirstWord(folded, x.Name) && !EndsAnother(folded[x.Name.Length..], x.Name, all)
                || Abbreviates(folded, x.Name))
            .ToList();

        // A name that differs only in case is the answer; other near names would only distract from it.
        if (near.Any(x => x.Distance == 0))
        {
            near.RemoveAll(x => x.Distance > 0);
        }

        return near
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Exact)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Name)
            .ToList();
    }

    private static bool FirstWord(string folded, string candidate) =>
        candidate.Length >= 4 && folded.Length > candidate.Length && folded[candidate.Length] == '_'
        && folded.StartsWith(candidate, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether <paramref name="tail"/>, the words after a first word (<c>_update</c>), ends a candidate other than
    /// <paramref name="first"/> and names a thing rather than saying it happened (<c>_changed</c>, which also ends
    /// <c>severity_changed</c>, says the first word changed).
    /// </summary>
    private static bool EndsAnother(string tail, string first, List<string> candidates) =>
        !tail.EndsWith("ed", StringComparison.Ordinal)
        && candidates.Any(c => c != first && c.Length > tail.Length && c.EndsWith(tail, StringComparison.OrdinalIgnoreCase));

    private static bool Abbreviates(string folded, string candidate)
    {
        if (folded.Length < 3 || folded.Length >= candidate.Length || !candidate.StartsWith(folded[..2], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var next = 0;
        foreach (var c in candidate)
        {
            if (next < folded.Length && char.ToLowerInvariant(c) == folded[next])
            {
                next++;
            }
        }

        return next == folded.Length;
    }

    /// <summary>
    /// The candidate that differs from <paramref name="name"/> only in letter case (<c>Urgent</c> for
    /// <c>urgent</c>), or null: where other near names would be other values (<c>sev9</c> beside
    /// <c>sev1</c>), a name in another case is still the likeliest slip.
    /// </summary>
    public static string? OtherCase(string name, IEnumerable<string> candidates) =>
        candidates.FirstOrDefault(c => !c.Equals(name, StringComparison.Ordinal) && c.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Edit distance counting insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }
}
