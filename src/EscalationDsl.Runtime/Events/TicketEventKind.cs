namespace EscalationDsl.Runtime.Events;

/// <summary>The canonical ticket event types (docs/events.md). Source names are snake_case.</summary>
public enum TicketEventKind
{
    /// <summary><c>created</c>: severity, issue type, fields; starts the ticket.</summary>
    Created,

    /// <summary><c>acknowledged</c>: first response.</summary>
    Acknowledged,

    /// <summary><c>first_update</c>: the first customer update.</summary>
    FirstUpdate,

    /// <summary><c>customer_update</c>: any update sent to the customer.</summary>
    CustomerUpdate,

    /// <summary><c>assigned</c>: a new owner (engineering or not).</summary>
    Assigned,

    /// <summary><c>field_set</c>: one or more fields set.</summary>
    FieldSet,

    /// <summary><c>severity_changed</c>: a new severity.</summary>
    SeverityChanged,

    /// <summary><c>flagged</c>: a flag such as security_flagged raised.</summary>
    Flagged,

    /// <summary><c>workaround_failed</c>.</summary>
    WorkaroundFailed,

    /// <summary><c>mitigation</c>: status planned or contained.</summary>
    Mitigation,

    /// <summary><c>status</c>: a workflow status such as awaiting_customer or in_progress.</summary>
    Status,

    /// <summary><c>resolved</c>.</summary>
    Resolved,

    /// <summary><c>closed</c>.</summary>
    Closed,

    /// <summary><c>reopened</c>.</summary>
    Reopened,
}
