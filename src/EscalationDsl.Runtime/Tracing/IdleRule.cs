using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>A rule for the ticket's severity that does not apply now, with its <c>when</c> as written.</summary>
public sealed record IdleRule(string Rule, string When)
{
    /// <summary>
    /// The rules with a <c>when</c> that select the ticket's severity and do not apply to it now: while a
    /// ticket is open, that is because their <c>when</c> did not hold when last evaluated. A resolved or
    /// closed ticket has none (no rule applies to it). They say why no rule, or not the expected one, applies.
    /// </summary>
    public static IReadOnlyList<IdleRule> Of(TicketSnapshot s, PolicyModel model)
    {
        if (s.State is "resolved" or "closed" || model.FindSeverity(s.Severity) is not { } severity)
        {
            return [];
        }

        return [.. model.Rules
            .Where(r => r.When is not null && r.AppliesTo(severity) && !s.ActiveRules.Contains(r.Name))
            .Select(r => new IdleRule(r.Name, ModelFormatter.Format(r.When!)))];
    }
}
