using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// Collects why a ticket is where it is. Passing one to <see cref="TicketRuntime"/> turns the
/// explanation on; passing null keeps the hot path free of string building.
/// </summary>
public sealed class ExplainTrace
{
    private readonly List<TraceEntry> entries = [];

    /// <summary>The target instant of each SLA breach not yet followed by what the target asked for.</summary>
    private Dictionary<SlaComponent, long>? breaches;

    /// <summary>The entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries => entries;

    /// <summary>Adds an entry.</summary>
    public void Add(long atMs, TraceKind kind, string text) =>
        entries.Add(new TraceEntry(Instant.FromUnixTimeMilliseconds(atMs), kind, text));

    /// <summary>Remembers the target an SLA breach missed, so the timeline can say how late it is met (only while tracing).</summary>
    internal void NoteBreach(SlaComponent component, long targetMs) => (breaches ??= [])[component] = targetMs;

    /// <summary>The target of the component's breach, once: the first event that does what it asked for takes it.</summary>
    internal long? TakeBreach(SlaComponent component) =>
        breaches is not null && breaches.Remove(component, out var target) ? target : null;
}
