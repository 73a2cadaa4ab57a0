using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>field == value</c> and the other comparisons.</summary>
public sealed record CompareConditionSyntax(IdentifierSyntax Field, CompareOperator Operator, ValueSyntax Value, TextSpan Span) : ConditionSyntax(Span);
