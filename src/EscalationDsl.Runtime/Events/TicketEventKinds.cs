using System.Collections.Frozen;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Runtime.Events;

/// <summary>Source names of event kinds (<c>first_update</c>) and back.</summary>
public static class TicketEventKinds
{
    private static readonly string[] Names =
    [
        "created", "acknowledged", "first_update", "customer_update", "assigned", "field_set", "severity_changed",
        "flagged", "workaround_failed", "mitigation", "status", "resolved", "closed", "reopened",
    ];

    private static readonly FrozenDictionary<string, TicketEventKind> ByName =
        Names.Select((n, i) => (n, (TicketEventKind)i)).ToFrozenDictionary(x => x.n, x => x.Item2, StringComparer.Ordinal);

    /// <summary>Every source name in declaration order.</summary>
    public static IReadOnlyList<string> All => Names;

    /// <summary>The snake_case name of a kind.</summary>
    public static string Name(TicketEventKind kind) => Names[(int)kind];

    /// <summary>
    /// What an event's type that names no event type reads: the types, and the one or two it probably means
    /// (<c>status</c> for <c>status_changed</c>, <c>acknowledged</c> for <c>acked</c>).
    /// </summary>
    public static string NotAType(string? text) =>
        $"'{text}' is not an event type ({string.Join(", ", Names)}){Meant(text, "; did you mean ", "?")}";

    /// <summary>"did you mean a or b?" between <paramref name="before"/> and <paramref name="after"/>, or nothing.</summary>
    public static string Meant(string? text, string before, string after) =>
        NameSuggester.Closest(text ?? string.Empty, Names, max: 2) is { Count: > 0 } near
            ? $"{before}{string.Join(" or ", near)}{after}"
            : string.Empty;

    /// <summary>Parses a snake_case name.</summary>
    public static bool TryParse(string? name, out TicketEventKind kind) =>
        ByName.TryGetValue(name ?? string.Empty, out kind);
}
