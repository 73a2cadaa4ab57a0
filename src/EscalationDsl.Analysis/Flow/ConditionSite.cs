using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>Where a condition is written; what it decides depends on the place.</summary>
internal enum ConditionPlace
{
    /// <summary>`escalation NAME for ... when C`.</summary>
    RuleWhen,

    /// <summary>`after D unless C`.</summary>
    Unless,

    /// <summary>`every D while C`.</summary>
    While,

    /// <summary>`on EVENT when C`.</summary>
    OnWhen,

    /// <summary>`require FIELDS before escalate when C`, in a rule or policy-wide.</summary>
    RequireWhen,

    /// <summary>`page only when C`, in a rule or policy-wide.</summary>
    PageGuard,

    /// <summary>`deescalate when C { ... }`.</summary>
    Deescalate,

    /// <summary>`pause sla while C`.</summary>
    Pause,

    /// <summary>`update every D until C` in a severity.</summary>
    Until,
}

/// <summary>
/// A condition and where it is written: the rule (for conditions inside one), the step's trigger (for
/// `unless`, `while` and `on ... when`) and the severity (for `until`).
/// </summary>
internal sealed record ConditionSite(ConditionModel Condition, ConditionPlace Place, RuleModel? Rule = null, SeverityModel? Severity = null, TriggerModel? Trigger = null);
