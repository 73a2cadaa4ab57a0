using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of the lines inside a severity.</summary>
public abstract record SeverityItemSyntax(TextSpan Span) : SyntaxNode(Span);
