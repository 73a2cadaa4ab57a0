using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>One .esc file: the header, the declarations in source order and the comments.</summary>
public sealed record PolicyFileSyntax(
    PolicyHeaderSyntax? Header,
    ImmutableArray<DeclarationSyntax> Declarations,
    ImmutableArray<CommentSyntax> Comments,
    TextSpan Span) : SyntaxNode(Span);
