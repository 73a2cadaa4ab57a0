namespace EscalationDsl.Simulation.Sources;

/// <summary>What one item read from an event source is.</summary>
public enum SourceRecordKind
{
    /// <summary>A ticket event.</summary>
    Event,

    /// <summary>A row that could not be read or mapped; it is skipped (or stops the run with --strict).</summary>
    Problem,

    /// <summary>The source guarantees no further events for this ticket (its rows were contiguous and have ended).</summary>
    TicketEnd,
}
