using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>owner</c>: whoever holds the ticket now.</summary>
public sealed record CurrentOwnerRefSyntax(TextSpan Span) : OwnerRefSyntax(Span);
