using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>One line of a route; <see cref="IsDefault"/> entries have no values.</summary>
public sealed record RouteEntrySyntax(ImmutableArray<ValueSyntax> Values, bool IsDefault, IdentifierSyntax Owner, TextSpan Span) : SyntaxNode(Span);
