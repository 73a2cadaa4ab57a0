using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>pause sla while CONDITION</c>.</summary>
public sealed record PauseSyntax(ConditionSyntax While, TextSpan Span) : DeclarationSyntax(Span);
