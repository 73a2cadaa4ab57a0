namespace EscalationDsl.Runtime.Decisions;

/// <summary>What the policy decided (docs/runtime.md lists each with its id scheme).</summary>
public enum DecisionKind
{
    /// <summary>Page an owner.</summary>
    Page,

    /// <summary>Notify an owner (also a page downgraded by `page only when` or `stop paging`).</summary>
    Notify,

    /// <summary>Assign the ticket to an owner.</summary>
    Assign,

    /// <summary>Escalate to an owner; the escalation level rises.</summary>
    Escalate,

    /// <summary>Remind the owner.</summary>
    Remind,

    /// <summary>Ask the owner for fields (`require` action).</summary>
    RequireFields,

    /// <summary>An escalation is blocked until required fields are present.</summary>
    MissingInformation,

    /// <summary>An SLA target passed without being met.</summary>
    SlaBreach,

    /// <summary>A customer update interval (`update every`) passed without an update.</summary>
    MissedUpdate,

    /// <summary>Paging stopped (`stop paging`).</summary>
    StopPaging,

    /// <summary>The ticket entered monitor mode (`enter monitor`).</summary>
    EnterMonitor,
}
