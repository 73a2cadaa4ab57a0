using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>What `on NAME` can react to.</summary>
public enum TriggerEvent
{
    /// <summary>`created`.</summary>
    Created,

    /// <summary>`acknowledged`.</summary>
    Acknowledged,

    /// <summary>`first_update`.</summary>
    FirstUpdate,

    /// <summary>`customer_update`.</summary>
    CustomerUpdate,

    /// <summary>`assigned`: any assignment.</summary>
    Assigned,

    /// <summary>`engineering_assigned`: an assignment to engineering.</summary>
    EngineeringAssigned,

    /// <summary>`field_set`.</summary>
    FieldSet,

    /// <summary>`severity_changed`: any severity change.</summary>
    SeverityChanged,

    /// <summary>`severity_raised`: to a more severe level.</summary>
    SeverityRaised,

    /// <summary>`severity_lowered`: to a less severe level.</summary>
    SeverityLowered,

    /// <summary>`flagged`: any flag raised.</summary>
    Flagged,

    /// <summary>`workaround_failed`.</summary>
    WorkaroundFailed,

    /// <summary>`mitigation`: any mitigation status.</summary>
    Mitigation,

    /// <summary>`mitigation_planned`.</summary>
    MitigationPlanned,

    /// <summary>`contained`.</summary>
    Contained,

    /// <summary>`status`: any status change.</summary>
    Status,

    /// <summary>`resolved`.</summary>
    Resolved,

    /// <summary>`closed`.</summary>
    Closed,

    /// <summary>`reopened`.</summary>
    Reopened,

    /// <summary>A declared flag field became true (see <see cref="OnTrigger.Flag"/>).</summary>
    FlagRaised,
}
