using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>impact enum [production, degraded]</c> or <c>request_id text</c>.</summary>
public sealed record FieldSyntax(IdentifierSyntax Name, IdentifierSyntax Type, ImmutableArray<ValueSyntax> Values, bool HasValueList, TextSpan Span) : SyntaxNode(Span);
