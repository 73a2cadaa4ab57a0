namespace EscalationDsl.Runtime;

/// <summary>The event times a ticket keeps (besides its creation), one slot each.</summary>
public enum EventTime
{
    /// <summary>First acknowledgement.</summary>
    Acknowledged,

    /// <summary>First customer update.</summary>
    FirstUpdate,

    /// <summary>Latest customer update (first updates count).</summary>
    CustomerUpdate,

    /// <summary>First assignment to engineering.</summary>
    EngineeringAssigned,

    /// <summary>Latest escalation.</summary>
    Escalated,

    /// <summary>Mitigation planned (or contained).</summary>
    MitigationPlanned,

    /// <summary>Mitigation contained.</summary>
    Contained,

    /// <summary>Latest workaround failure.</summary>
    WorkaroundFailed,

    /// <summary>Resolution.</summary>
    Resolved,

    /// <summary>Latest reopen.</summary>
    Reopened,
}
