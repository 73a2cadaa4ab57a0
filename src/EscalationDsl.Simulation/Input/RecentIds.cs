namespace EscalationDsl.Simulation.Input;

/// <summary>
/// The last <c>bound</c> distinct ids added, oldest forgotten first: how the readers and the replay tell
/// a ticket seen again after its end from a new one, with memory bounded on any input.
/// </summary>
/// <remarks>
/// Kept in pieces small enough to stay off the large-object heap: a single set and queue of tens of
/// thousands of ids (the full ServiceNow log has 24,918 tickets) grow through arrays of 130–580 KB,
/// and those large-object allocations (about 4 MB per replay with the two sets the replay keeps)
/// triggered a full collection, which stops both threads, in most replays. The ids are spread over
/// sets by hash, about <see cref="IdsPerSet"/> each when full, whose arrays stay under 85,000 bytes
/// (a set's entries pass that size only beyond 4,049 ids); the order of arrival is a ring of
/// <see cref="ChunkSize"/>-id chunks.
/// </remarks>
internal sealed class RecentIds
{
    private const int IdsPerSet = 2_048;
    private const int ChunkSize = 4_096;
    private readonly int bound;
    private readonly HashSet<string>[] sets;

    /// <summary>The ids in order of arrival: a ring of <c>bound</c> slots, chunks allocated as they are first used.</summary>
    private readonly string[]?[] chunks;
    private int oldest;
    private int count;

    public RecentIds(int bound)
    {
        this.bound = bound;
        sets = new HashSet<string>[Math.Max(1, bound / IdsPerSet)];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = new HashSet<string>(StringComparer.Ordinal);
        }

        chunks = new string[]?[(bound + ChunkSize - 1) / ChunkSize];
    }

    public bool Contains(string id) => SetOf(id).Contains(id);

    /// <summary>Adds an id not among the recent ones; past the bound, the oldest is forgotten.</summary>
    public void Add(string id)
    {
        if (!SetOf(id).Add(id))
        {
            return;
        }

        if (count == bound)
        {
            var forgotten = chunks[oldest / ChunkSize]![oldest % ChunkSize];
            SetOf(forgotten).Remove(forgotten);
            oldest = (oldest + 1) % bound;
            count--;
        }

        var slot = (oldest + count) % bound;
        var chunk = chunks[slot / ChunkSize] ??= new string[ChunkSize];
        chunk[slot % ChunkSize] = id;
        count++;
    }

    private HashSet<string> SetOf(string id) => sets[(uint)StringComparer.Ordinal.GetHashCode(id) % (uint)sets.Length];
}
