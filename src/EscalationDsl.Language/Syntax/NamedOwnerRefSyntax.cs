using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A declared owner by name.</summary>
public sealed record NamedOwnerRefSyntax(IdentifierSyntax Name, TextSpan Span) : OwnerRefSyntax(Span);
