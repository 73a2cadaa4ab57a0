using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>not A</c>.</summary>
public sealed record NotConditionSyntax(ConditionSyntax Operand, TextSpan Span) : ConditionSyntax(Span);
