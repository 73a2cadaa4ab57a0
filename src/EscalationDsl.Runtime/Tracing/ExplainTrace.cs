using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// Collects why a ticket is where it is. Passing one to <see cref="TicketRuntime"/> turns the
/// explanation on; passing null keeps the hot path free of string building.
/// </summary>
public sealed class ExplainTrace
{
    private readonly List<TraceEntry> entries = [];

    /// <summary>The entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries => entries;

    /// <summary>Adds an entry.</summary>
    public void Add(long atMs, TraceKind kind, string text) =>
        entries.Add(new TraceEntry(Instant.FromUnixTimeMilliseconds(atMs), kind, text));
}
