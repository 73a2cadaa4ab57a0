using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>A or B</c>.</summary>
public sealed record OrConditionSyntax(ConditionSyntax Left, ConditionSyntax Right, TextSpan Span) : ConditionSyntax(Span);
