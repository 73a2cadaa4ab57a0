using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>route(field)</c>: the specialist the route picks for the ticket's value of the field.</summary>
public sealed record RouteOwnerRefSyntax(IdentifierSyntax Field, TextSpan Span) : OwnerRefSyntax(Span);
