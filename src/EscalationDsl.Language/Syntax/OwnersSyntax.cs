using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>An <c>owners { ... }</c> block.</summary>
public sealed record OwnersSyntax(ImmutableArray<OwnerSyntax> Owners, TextSpan Span) : DeclarationSyntax(Span);
