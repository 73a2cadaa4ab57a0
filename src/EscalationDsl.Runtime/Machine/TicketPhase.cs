namespace EscalationDsl.Runtime.Machine;

/// <summary>The lifecycle states of a ticket's Stateless machine.</summary>
public enum TicketPhase : byte
{
    /// <summary>Created, nobody has responded.</summary>
    Open,

    /// <summary>Somebody responded.</summary>
    Acknowledged,

    /// <summary>Engineering owns it.</summary>
    Assigned,

    /// <summary>Escalated at least once (level and owner are in the ticket record).</summary>
    Escalated,

    /// <summary>Mitigation planned or contained.</summary>
    Mitigated,

    /// <summary>Contained and watched (`enter monitor`).</summary>
    Monitoring,

    /// <summary>Resolved; reopen restarts it.</summary>
    Resolved,

    /// <summary>Closed; reopen restarts it.</summary>
    Closed,

    /// <summary>
    /// The superstate of Open through Monitoring, where resolution, closure and policy steps are
    /// configured once. A ticket is never in this state itself.
    /// </summary>
    Active,
}
