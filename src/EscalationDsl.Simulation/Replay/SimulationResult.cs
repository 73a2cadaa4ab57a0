using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Replay;

/// <summary>The outcome of a replay.</summary>
/// <param name="Report">The report data; renderers turn it into text, Markdown, JSON or HTML.</param>
/// <param name="StoppedAtBadRow">True when <see cref="SimulationOptions.Strict"/> stopped the run at a bad row.</param>
/// <param name="PeakTicketsKept">The most tickets kept in memory at once (waiting for events, open, or closed and
/// kept for a reopen): what memory follows, rather than the length of the history.</param>
public sealed record SimulationResult(SimulationReport Report, bool StoppedAtBadRow, long PeakTicketsKept)
{
    /// <summary>Rows skipped as bad.</summary>
    public long BadRows => Report.Input.BadRows;
}
