using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of the top-level declarations.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);
