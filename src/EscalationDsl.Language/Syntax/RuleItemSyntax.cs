using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of the lines inside an escalation rule.</summary>
public abstract record RuleItemSyntax(TextSpan Span) : SyntaxNode(Span);
