using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>A and B</c>.</summary>
public sealed record AndConditionSyntax(ConditionSyntax Left, ConditionSyntax Right, TextSpan Span) : ConditionSyntax(Span);
