using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>What one replayed ticket contributes to the report. Built when the ticket is finished, then dropped: a struct, so none is allocated per ticket (its lists are the track's).</summary>
internal readonly record struct TicketOutcome
{
    public required string Id { get; init; }

    /// <summary>The runtime's ticket, as the replay left it (the report reads its step counters).</summary>
    public required Ticket Ticket { get; init; }

    public required Instant Created { get; init; }

    /// <summary>The severity at the end (SLA figures use it).</summary>
    public required string Severity { get; init; }

    public required string IssueType { get; init; }

    /// <summary>The source's category (the issue type for canonical input).</summary>
    public required string Category { get; init; }

    /// <summary>Queue changes in time order; the first is at creation.</summary>
    public required List<(Instant At, string Queue)> Queues { get; init; }

    /// <summary>Periods the ticket was open (created or reopened until resolved, or until the end of the data).</summary>
    public required List<(Instant From, Instant To)> Open { get; init; }

    /// <summary>The first acknowledgement, unless it came while the ticket was resolved or closed (then no response).</summary>
    public Instant? Acknowledged { get; init; }

    public Instant? FirstUpdate { get; init; }

    /// <summary>First engineering assignment in the events (what support did); null when it came while the ticket was resolved or closed.</summary>
    public Instant? EngineeringRecorded { get; init; }

    /// <summary>First engineering assignment by an event or by a policy assign/escalate (what would have happened); null when it came while the ticket was resolved or closed.</summary>
    public Instant? EngineeringWithPolicy { get; init; }

    /// <summary>The first mitigation since the latest reopen (or since creation).</summary>
    public Instant? Mitigated { get; init; }

    /// <summary>The first resolution (<see cref="Resolutions"/> holds every one).</summary>
    public Instant? Resolved { get; init; }

    /// <summary>Every resolution (resolved, or closed without a resolution before it), in time order.</summary>
    public required List<Instant> Resolutions { get; init; }

    public int Reopens { get; init; }

    /// <summary>True when resolved or closed at the end.</summary>
    public bool Done { get; init; }

    public required List<Decision> Decisions { get; init; }

    /// <summary>Final status of each SLA component of the final severity: met, breached, pending or paused.</summary>
    public required List<(SlaComponent Component, string Status)> Sla { get; init; }

    /// <summary>The queue holding the ticket at an instant.</summary>
    public string QueueAt(Instant at)
    {
        var queue = Queues[0].Queue;
        foreach (var (when, name) in Queues)
        {
            if (when > at)
            {
                break;
            }

            queue = name;
        }

        return queue;
    }
}
