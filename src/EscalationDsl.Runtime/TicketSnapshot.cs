using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>A readable copy of a ticket's state (engine API, `esc explain`).</summary>
/// <param name="Id">The ticket id.</param>
/// <param name="State">The lifecycle state, lower case.</param>
/// <param name="Severity">The current severity.</param>
/// <param name="Owner">The current owner, if declared.</param>
/// <param name="Level">The escalation level (0 until the first escalation).</param>
/// <param name="Monitoring">Monitor mode.</param>
/// <param name="PagingStopped">Pages go out as notifications.</param>
/// <param name="Paused">SLA clocks are paused.</param>
/// <param name="Created">Creation time.</param>
/// <param name="NextDeadline">The next deadline, if any.</param>
/// <param name="Clocks">SLA clocks and pending steps.</param>
/// <param name="ActiveRules">Rules that apply now.</param>
/// <param name="Fields">Field values that are set.</param>
public sealed record TicketSnapshot(
    string Id,
    string State,
    string Severity,
    string? Owner,
    int Level,
    bool Monitoring,
    bool PagingStopped,
    bool Paused,
    Instant Created,
    Instant? NextDeadline,
    IReadOnlyList<ClockSnapshot> Clocks,
    IReadOnlyList<string> ActiveRules,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>One clock: an SLA component, the update cadence, the recheck of time-dependent conditions or a pending step.</summary>
/// <param name="Name">For example <c>sla acknowledge</c> or <c>sev1_production #2</c>.</param>
/// <param name="Status">pending, met, breached, paused, blocked, parked (an `every` step waiting for its `while` to hold) or done.</param>
/// <param name="Due">When it is due, while pending; for a blocked `every` step, its next tick.</param>
public sealed record ClockSnapshot(string Name, string Status, Instant? Due)
{
    /// <summary>For a rule's step, its trigger as written (<c>after 30m unless engineering_assigned</c>); null for the other clocks.</summary>
    public string? Step { get; init; }

    /// <summary>
    /// For a breached SLA component, the severity it was breached under when the ticket's severity has changed since
    /// (<c>sev1</c> for a <c>first_update</c> breached before a drop to sev3); null otherwise.
    /// </summary>
    public string? BreachedUnder { get; init; }

    /// <summary>For the customer update cadence, the cadence as written (<c>update every 1h until contained</c>); null for the other clocks.</summary>
    public string? Cadence { get; init; }

    /// <summary>For the recheck of time-dependent conditions, the conditions time alone changes then, where they are written (<c>rule sev1_emea when during emea</c>); null for the other clocks.</summary>
    public IReadOnlyList<string>? Conditions { get; init; }

    /// <summary>
    /// For a pending step (or a blocked `every` step's next tick) that its due time would skip if no event
    /// came before then, why, as <see cref="TicketRuntime.Describe(Ticket)"/> foresees it: <c>`acknowledged` holds</c>
    /// (an <c>after ... unless</c> step), <c>`not contained` does not hold</c> (an <c>every ... while</c>
    /// tick), <c>held back, rule R's `when` does not hold ...</c>, <c>rule R stops before it is due (...)</c>.
    /// For the customer update cadence, why its due time would count no missed update: <c>`contained` holds, the
    /// cadence ends</c> (its <c>until</c>) or an SLA pause that starts first. Null for a step that fires, a cadence
    /// that counts a missed update, and the other clocks.
    /// </summary>
    public string? SkipReason { get; init; }

    /// <summary>
    /// For a blocked step, why its escalation waits: the fields its <c>require ... before escalate</c> guards still
    /// miss (<c>escalation blocked until client_version is set</c>). For a pending step that fires when due but whose
    /// escalation such a guard would block if no event came before then, why, as
    /// <see cref="TicketRuntime.Describe(Ticket)"/> foresees it. Null otherwise.
    /// </summary>
    public string? BlockReason { get; init; }
}
