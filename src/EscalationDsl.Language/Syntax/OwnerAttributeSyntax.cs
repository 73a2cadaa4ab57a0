using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of the settings after an owner's display name: <c>engineering</c>, <c>reports to NAME</c>.</summary>
public abstract record OwnerAttributeSyntax(TextSpan Span) : SyntaxNode(Span);
