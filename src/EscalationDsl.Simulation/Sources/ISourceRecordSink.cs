namespace EscalationDsl.Simulation.Sources;

/// <summary>
/// Takes a source's records in runs, in order (see <see cref="IEventSource.ReadInto"/>): a run is copied
/// as a whole, where handing records over one by one through an iterator copies each of them several
/// times, with a write barrier for every reference in it.
/// </summary>
public interface ISourceRecordSink
{
    /// <summary>Takes the next records; the span is valid only during the call.</summary>
    void Add(ReadOnlySpan<SourceRecord> records);
}
