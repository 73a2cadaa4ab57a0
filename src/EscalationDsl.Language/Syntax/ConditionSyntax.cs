using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of conditions.</summary>
public abstract record ConditionSyntax(TextSpan Span) : SyntaxNode(Span);
