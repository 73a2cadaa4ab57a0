namespace EscalationDsl.Simulation.Sources;

/// <summary>
/// A stream of ticket events read from a file: canonical JSON Lines or CSV, or an importer that maps a
/// foreign export. Reading is lazy and forward-only, so memory does not grow with the file.
/// </summary>
public interface IEventSource : IDisposable
{
    /// <summary>The file as shown in messages (<c>file:row: reason</c>).</summary>
    string DisplayName { get; }

    /// <summary>The input format, such as <c>jsonl</c>, <c>csv</c>, <c>servicenow</c> or <c>mapped</c>.</summary>
    string Format { get; }

    /// <summary>
    /// True when the source ends each ticket with <see cref="SourceRecordKind.TicketEnd"/> (its rows are
    /// contiguous). Otherwise a ticket is replayed when its <c>closed</c> event is read, or at the end of the input.
    /// </summary>
    bool GroupedByTicket { get; }

    /// <summary>
    /// What the source cannot tell, one sentence each (for example that the log holds no customer
    /// updates). The report repeats them next to the figures they affect.
    /// </summary>
    IReadOnlyList<string> Caveats { get; }

    /// <summary>The SLA components and event types the source can never produce (see <see cref="Caveats"/>).</summary>
    IReadOnlySet<string> Unobserved { get; }

    /// <summary>
    /// The file's column that gives an event member (<c>at</c>, <c>severity</c>, <c>fields.impact</c>, ...) when the
    /// source maps columns to members, or null. Messages about a member's value then name the column too.
    /// Asked from the replay's thread while the source reads: it depends on the mapping only, never on reading.
    /// </summary>
    string? ColumnOf(string member) => null;

    /// <summary>How far reading has come, 0 to 1, for progress display (0 when unknown).</summary>
    double Progress { get; }

    /// <summary>Data rows (CSV, not counting the header) or lines (JSON Lines) read so far, including bad ones.</summary>
    long RowsRead { get; }

    /// <summary>Reads the file from the start. Fatal problems (a missing column, an unreadable archive) throw <see cref="SourceException"/>.</summary>
    IEnumerable<SourceRecord> Read();

    /// <summary>
    /// Reads the file from the start as <see cref="Read"/> does, handing the same records to
    /// <paramref name="sink"/> in runs. Sources that produce records in groups (an importer deriving
    /// an incident's events) hand over each group at once; the default hands them over one by one.
    /// </summary>
    void ReadInto(ISourceRecordSink sink)
    {
        foreach (var record in Read())
        {
            sink.Add(new ReadOnlySpan<SourceRecord>(in record));
        }
    }
}
