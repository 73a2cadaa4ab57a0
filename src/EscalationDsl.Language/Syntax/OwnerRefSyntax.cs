using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of the ways an action names an owner.</summary>
public abstract record OwnerRefSyntax(TextSpan Span) : SyntaxNode(Span);
