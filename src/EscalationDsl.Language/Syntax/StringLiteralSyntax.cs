using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A double-quoted string; <see cref="Value"/> has escapes resolved.</summary>
public sealed record StringLiteralSyntax(string Value, TextSpan Span) : SyntaxNode(Span);
