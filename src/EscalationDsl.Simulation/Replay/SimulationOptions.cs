using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>How a replay runs and what it reports.</summary>
public sealed record SimulationOptions
{
    /// <summary>Only tickets created at or after this instant are replayed.</summary>
    public Instant? From { get; init; }

    /// <summary>Only tickets created before this instant are replayed.</summary>
    public Instant? To { get; init; }

    /// <summary>Stop at the first bad row.</summary>
    public bool Strict { get; init; }

    /// <summary>Include the weekly table (<c>--by week</c>); the HTML charts use weekly figures either way.</summary>
    public bool ByWeek { get; init; }

    /// <summary>Receives each bad row as <c>file:row: reason</c>, as soon as it is found, and each event skipped as a retry (<c>file:row: event id ... repeats ...</c>), which is not a bad row.</summary>
    public Action<string>? Problem { get; init; }

    /// <summary>
    /// Receives each event replayed, per ticket in replay order (for <c>--emit-events</c>), with an id:
    /// its own, or one made of its ticket id and its position in the ticket's replay (<c>T1/1</c>, <c>T1/2</c>, ...).
    /// </summary>
    public Action<TicketEvent>? Replayed { get; init; }

    /// <summary>Receives each decision the policy took, per ticket in time order, when the ticket is finished.</summary>
    public Action<Decision>? Decided { get; init; }

    /// <summary>Receives progress now and then (every few thousand records).</summary>
    public Action<SimulationProgress>? Progress { get; init; }

    /// <summary>
    /// Read and map the input on a second thread while the replay runs (the default). Off, everything
    /// runs on the calling thread.
    /// </summary>
    public bool ReadAhead { get; init; } = true;

    /// <summary>Review list: a resolution within this time after the first escalation suggests it came too early.</summary>
    public Duration FastResolution { get; init; } = Duration.FromHours(1);

    /// <summary>How many entries each review list keeps.</summary>
    public int TopCount { get; init; } = 15;

    /// <summary>
    /// <c>--top N</c>: the tables per rule, issue type, category, owner and queue keep their N largest rows
    /// and say what they left out, and the review lists keep at most min(N, <see cref="TopCount"/>). Null
    /// (the default) keeps every row.
    /// </summary>
    public int? Top { get; init; }
}
