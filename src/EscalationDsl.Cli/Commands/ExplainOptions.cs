using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Cli.Commands;

/// <summary>Reading the options of <c>esc explain</c> that shape its output.</summary>
internal static class ExplainOptions
{
    /// <summary>The kinds of timeline entry the runtime's trace records, as the timeline names them, in the enum's order.</summary>
    public static readonly IReadOnlyList<string> KindNames = [.. Enum.GetValues<TraceKind>().Select(KindName)];

    private static readonly Dictionary<string, TraceKind> Kinds = Enum.GetValues<TraceKind>().ToDictionary(KindName, StringComparer.Ordinal);

    /// <summary>A kind as the timeline (text and JSON) and the engine's /timeline write it.</summary>
    public static string KindName(TraceKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// <c>--only event,decision,state</c>: the kinds of entry to show, or null for every kind. A name that
    /// is not a kind is a usage error that lists the kinds, with the closest one when there is one.
    /// </summary>
    public static IReadOnlySet<TraceKind>? ParseKinds(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var kinds = new HashSet<TraceKind>();
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            if (!Kinds.TryGetValue(name, out var kind))
            {
                var near = NameSuggester.Closest(name, KindNames);
                throw new UsageException(name.Length == 0
                    ? $"--only: '{text}' has an empty kind; give kinds separated by commas: {string.Join(", ", KindNames)}"
                    : $"--only: '{name}' is not a kind of timeline entry; the kinds are {string.Join(", ", KindNames)}{(near.Count == 0 ? "" : $"; did you mean {string.Join(" or ", near)}?")}");
            }

            kinds.Add(kind);
        }

        return kinds;
    }
}
