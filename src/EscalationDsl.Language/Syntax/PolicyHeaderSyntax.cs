using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>policy "name" version N</c>.</summary>
public sealed record PolicyHeaderSyntax(StringLiteralSyntax? Name, IntegerLiteralSyntax? Version, TextSpan Span) : SyntaxNode(Span);
