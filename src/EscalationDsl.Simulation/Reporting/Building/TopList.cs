namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Keeps the first N review items by their measure (ties by ticket id), in bounded memory.</summary>
internal sealed class TopList(int size, bool descending)
{
    private readonly List<ReviewItem> items = [];
    private ReviewItem? cutoff;

    /// <summary>
    /// False when an item with these figures could not make the list (the list is full of better ones),
    /// so the caller need not build its text.
    /// </summary>
    public bool Admits(long seconds, string ticket) => cutoff is null || Compare(seconds, ticket, cutoff.Seconds, cutoff.Ticket) < 0;

    public void Add(ReviewItem item)
    {
        items.Add(item);
        if (items.Count >= size * 4)
        {
            Trim();
        }
    }

    public IReadOnlyList<ReviewItem> Items()
    {
        Trim();
        return [.. items];
    }

    private void Trim()
    {
        items.Sort((a, b) => Compare(a.Seconds, a.Ticket, b.Seconds, b.Ticket));
        if (items.Count > size)
        {
            items.RemoveRange(size, items.Count - size);
        }

        cutoff = size > 0 && items.Count == size ? items[^1] : null;
    }

    private int Compare(long aSeconds, string aTicket, long bSeconds, string bTicket)
    {
        var c = descending ? bSeconds.CompareTo(aSeconds) : aSeconds.CompareTo(bSeconds);
        return c != 0 ? c : string.CompareOrdinal(aTicket, bTicket);
    }
}
