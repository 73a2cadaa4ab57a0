using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>next</c>: whom the current owner reports to.</summary>
public sealed record NextOwnerRefSyntax(TextSpan Span) : OwnerRefSyntax(Span);
