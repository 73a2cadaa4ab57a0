namespace EscalationDsl.Simulation.Input;

/// <summary>
/// The last <c>bound</c> distinct ids added, oldest forgotten first: how the readers and the replay tell
/// a ticket seen again after its end from a new one, with memory bounded on any input.
/// </summary>
/// <remarks>
/// One set and one queue, grown as ids arrive. On the full ServiceNow log (24,918 tickets) the replay's
/// two sets and the reader's grow through arrays large enough for the large-object heap, and those
/// allocations start a full collection in most replays. Keeping the ids in pieces under the threshold
/// was tried (performance.md, Simulator): the pauses fell by about 3 ms per replay, but the whole
/// replay was not faster and the peak working set rose by about 35 MB, since the full collections
/// were also what kept the older generation small.
/// </remarks>
internal sealed class RecentIds(int bound)
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    public bool Contains(string id) => ids.Contains(id);

    /// <summary>Adds an id not among the recent ones; past the bound, the oldest is forgotten.</summary>
    public void Add(string id)
    {
        if (ids.Add(id))
        {
            order.Enqueue(id);
            if (order.Count > bound)
            {
                ids.Remove(order.Dequeue());
            }
        }
    }
}
