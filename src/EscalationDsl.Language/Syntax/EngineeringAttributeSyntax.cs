using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>engineering</c>: assigning the ticket to this owner counts as engineering assignment.</summary>
public sealed record EngineeringAttributeSyntax(TextSpan Span) : OwnerAttributeSyntax(Span);
