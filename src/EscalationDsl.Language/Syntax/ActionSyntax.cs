using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of step actions.</summary>
public abstract record ActionSyntax(TextSpan Span) : SyntaxNode(Span);
