namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Keeps the first N review items by their measure (ties by ticket id), in bounded memory.</summary>
internal sealed class TopList(int size, bool descending)
{
    private readonly List<ReviewItem> items = [];

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
        items.Sort((a, b) =>
        {
            var c = descending ? b.Seconds.CompareTo(a.Seconds) : a.Seconds.CompareTo(b.Seconds);
            return c != 0 ? c : string.CompareOrdinal(a.Ticket, b.Ticket);
        });
        if (items.Count > size)
        {
            items.RemoveRange(size, items.Count - size);
        }
    }
}
