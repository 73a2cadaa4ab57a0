namespace EscalationDsl.Runtime.Decisions;

/// <summary>Source names of decision kinds, as used in JSON, webhooks and metrics labels.</summary>
public static class DecisionKinds
{
    /// <summary>The snake_case name: page, notify, assign, escalate, remind, require_fields, missing_information, sla_breach, missed_update, stop_paging, enter_monitor.</summary>
    public static string Name(DecisionKind kind) => kind switch
    {
        DecisionKind.Page => "page",
        DecisionKind.Notify => "notify",
        DecisionKind.Assign => "assign",
        DecisionKind.Escalate => "escalate",
        DecisionKind.Remind => "remind",
        DecisionKind.RequireFields => "require_fields",
        DecisionKind.MissingInformation => "missing_information",
        DecisionKind.SlaBreach => "sla_breach",
        DecisionKind.MissedUpdate => "missed_update",
        DecisionKind.StopPaging => "stop_paging",
        _ => "enter_monitor",
    };
}
