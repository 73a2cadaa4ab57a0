using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>page only when CONDITION</c>.</summary>
public sealed record PageGuardSyntax(ConditionSyntax When, TextSpan Span) : DeclarationSyntax(Span);
