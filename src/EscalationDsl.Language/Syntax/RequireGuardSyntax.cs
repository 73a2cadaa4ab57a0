using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>require A, B before escalate [when CONDITION]</c>.</summary>
public sealed record RequireGuardSyntax(ImmutableArray<IdentifierSyntax> Fields, ConditionSyntax? When, TextSpan Span) : DeclarationSyntax(Span);
