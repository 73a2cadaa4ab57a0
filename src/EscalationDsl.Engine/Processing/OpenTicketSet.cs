using System.Diagnostics.CodeAnalysis;
using EscalationDsl.Runtime;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// The engine's open tickets, found by id. A hash set keyed by the ticket's own id: each entry holds
/// only the ticket (a dictionary would store the id a second time), which with a million open
/// tickets saves about 11 bytes each (docs/performance.md, "Engine").
/// </summary>
internal sealed class OpenTicketSet
{
    private readonly HashSet<Ticket> set = new(ById.Instance);
    private readonly HashSet<Ticket>.AlternateLookup<string> byId;

    public OpenTicketSet() => byId = set.GetAlternateLookup<string>();

    public int Count => set.Count;

    public IEnumerable<Ticket> All => set;

    public Ticket this[string id] => TryGetValue(id, out var ticket) ? ticket : throw new KeyNotFoundException($"ticket '{id}' is not open");

    public bool Contains(string id) => byId.Contains(id);

    public bool TryGetValue(string id, [MaybeNullWhen(false)] out Ticket ticket) => byId.TryGetValue(id, out ticket);

    /// <summary>Adds the ticket, or replaces the open ticket with the same id.</summary>
    public void Set(Ticket ticket)
    {
        byId.Remove(ticket.Id);
        set.Add(ticket);
    }

    public bool Remove(string id) => byId.Remove(id);

    public void Clear() => set.Clear();

    private sealed class ById : IEqualityComparer<Ticket>, IAlternateEqualityComparer<string, Ticket>
    {
        public static readonly ById Instance = new();

        public bool Equals(Ticket? x, Ticket? y) => string.Equals(x?.Id, y?.Id, StringComparison.Ordinal);

        public int GetHashCode(Ticket obj) => StringComparer.Ordinal.GetHashCode(obj.Id);

        public bool Equals(string alternate, Ticket other) => string.Equals(alternate, other.Id, StringComparison.Ordinal);

        public int GetHashCode(string alternate) => StringComparer.Ordinal.GetHashCode(alternate);

        // Tickets are made by the runtime, never from an id alone; the set is only added to with Set.
        public Ticket Create(string alternate) => throw new NotSupportedException("open tickets are added whole");
    }
}
