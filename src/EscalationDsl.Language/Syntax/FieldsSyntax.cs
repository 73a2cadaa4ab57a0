using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A <c>fields { ... }</c> block.</summary>
public sealed record FieldsSyntax(ImmutableArray<FieldSyntax> Fields, TextSpan Span) : DeclarationSyntax(Span);
