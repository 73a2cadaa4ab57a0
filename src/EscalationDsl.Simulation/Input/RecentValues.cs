using System.Runtime.InteropServices;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// A value for each of the last <c>bound</c> distinct ids added, oldest forgotten first: as <see cref="RecentIds"/>,
/// for a reader that keeps something per ticket (the row a ticket export first gave an id, whether a
/// mapped export's ticket was last resolved), with memory bounded on any input.
/// </summary>
internal sealed class RecentValues<TValue>(int bound)
{
    private readonly Dictionary<string, TValue> values = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    public bool TryGetValue(string id, out TValue value) => values.TryGetValue(id, out value!);

    /// <summary>Adds an id not among the recent ones, with its value (an id among them keeps its first); past the bound, the oldest is forgotten.</summary>
    public void Add(string id, TValue value)
    {
        if (values.TryAdd(id, value))
        {
            Added(id);
        }
    }

    /// <summary>Gives an id its value, in place of the one it had; an id not among the recent ones is added as by <see cref="Add"/>.</summary>
    public void Set(string id, TValue value)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(values, id, out var exists);
        slot = value;
        if (!exists)
        {
            Added(id);
        }
    }

    private void Added(string id)
    {
        order.Enqueue(id);
        if (order.Count > bound)
        {
            values.Remove(order.Dequeue());
        }
    }
}
