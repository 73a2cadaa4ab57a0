using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>One row of the escalation matrix: which tickets, who starts, and the steps.</summary>
/// <param name="Name">The rule name.</param>
/// <param name="Index">Position among the policy's rules.</param>
/// <param name="AnySeverity">True for `for any`.</param>
/// <param name="Severities">The severities it applies to (empty for any).</param>
/// <param name="When">The ticket condition, if any.</param>
/// <param name="StartOwner">`owner X`: who holds the ticket when the rule starts.</param>
/// <param name="Driver">`driven by X`: who drives the incident.</param>
/// <param name="Calendar">`calendar X`: the calendar of the rule's business durations.</param>
/// <param name="Steps">The steps in source order.</param>
/// <param name="RequireGuards">Guards written inside the rule.</param>
/// <param name="PageGuards">`page only when` written inside the rule.</param>
/// <param name="Span">The declaration.</param>
/// <param name="NameSpan">The name.</param>
public sealed record RuleModel(
    string Name,
    int Index,
    bool AnySeverity,
    ImmutableArray<SeverityModel> Severities,
    ConditionModel? When,
    OwnerModel? StartOwner,
    OwnerModel? Driver,
    CalendarModel? Calendar,
    ImmutableArray<StepModel> Steps,
    ImmutableArray<RequireGuardModel> RequireGuards,
    ImmutableArray<PageGuardModel> PageGuards,
    TextSpan Span,
    TextSpan NameSpan)
{
    /// <summary>True when the rule covers the severity.</summary>
    public bool AppliesTo(SeverityModel severity) => AnySeverity || Severities.Contains(severity);
}
