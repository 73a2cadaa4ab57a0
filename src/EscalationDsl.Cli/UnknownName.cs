using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli;

/// <summary>
/// How a usage error words a name an option gives that is none of those it may name (a rule or severity of the
/// policy, a ticket of the events file): the names there are, the first ten of them, and the near one the name was
/// likely meant to be, found as the compiler finds it (<see cref="NameSuggester"/>).
/// </summary>
internal static class UnknownName
{
    /// <summary>How many names a message lists before "...".</summary>
    public const int Listed = 10;

    /// <summary>"pci, pii, ...": the first ten names, in their order, and "..." for any more.</summary>
    public static string List(IReadOnlyCollection<string> names) =>
        string.Join(", ", names.Take(Listed)) + (names.Count > Listed ? ", ..." : "");

    /// <summary>
    /// "; did you mean pci?" when one name is nearer than any other, "; names are case-sensitive: did you mean sev1?"
    /// (<paramref name="what"/> for "names") when one differs only in case, else nothing: of several as near (sev9 beside
    /// sev1, sev2 and sev3) none is likelier, and the list shows them all.
    /// </summary>
    public static string Hint(string name, IReadOnlyCollection<string> names, string what = "names")
    {
        if (NameSuggester.OtherCase(name, names) is { } cased)
        {
            return $"; {what} are case-sensitive: did you mean {cased}?";
        }

        var near = NameSuggester.Closest(name, names);
        var folded = name.ToLowerInvariant();
        int Distance(string candidate) => NameSuggester.Distance(folded, candidate.ToLowerInvariant());
        return near.Count == 1 || near.Count > 1 && Distance(near[0]) < Distance(near[1]) ? $"; did you mean {near[0]}?" : "";
    }
}
