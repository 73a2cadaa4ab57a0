using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A <c>#</c> comment, kept for suppressions and formatting.</summary>
public sealed record CommentSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
