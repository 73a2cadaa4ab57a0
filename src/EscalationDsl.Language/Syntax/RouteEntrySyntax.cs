using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>
/// One line of a route or of a <c>calendar by</c> block: values and what they lead to (an owner, a
/// calendar); <see cref="IsDefault"/> entries have no values.
/// </summary>
public sealed record RouteEntrySyntax(ImmutableArray<ValueSyntax> Values, bool IsDefault, IdentifierSyntax Target, TextSpan Span) : SyntaxNode(Span);
