using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>escalation NAME for SEVERITIES [when CONDITION] { ... }</c>: one row of the escalation matrix.</summary>
public sealed record EscalationSyntax(
    IdentifierSyntax Name,
    bool AnySeverity,
    ImmutableArray<IdentifierSyntax> Severities,
    ConditionSyntax? When,
    ImmutableArray<RuleItemSyntax> Items,
    TextSpan Span) : DeclarationSyntax(Span);
