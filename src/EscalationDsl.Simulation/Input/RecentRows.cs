namespace EscalationDsl.Simulation.Input;

/// <summary>
/// The rows of the last <c>bound</c> distinct ids added, oldest forgotten first: as <see cref="RecentIds"/>,
/// for a reader that says where an id it sees again was first (one row per ticket), with memory
/// bounded on any input.
/// </summary>
internal sealed class RecentRows(int bound)
{
    private readonly Dictionary<string, long> rows = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    public bool TryGetValue(string id, out long row) => rows.TryGetValue(id, out row);

    /// <summary>Adds an id not among the recent ones, with its row; past the bound, the oldest is forgotten.</summary>
    public void Add(string id, long row)
    {
        if (rows.TryAdd(id, row))
        {
            order.Enqueue(id);
            if (order.Count > bound)
            {
                rows.Remove(order.Dequeue());
            }
        }
    }
}
