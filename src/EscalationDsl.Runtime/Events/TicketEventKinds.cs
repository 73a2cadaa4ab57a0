using System.Collections.Frozen;

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

    /// <summary>Parses a snake_case name.</summary>
    public static bool TryParse(string? name, out TicketEventKind kind) =>
        ByName.TryGetValue(name ?? string.Empty, out kind);
}
