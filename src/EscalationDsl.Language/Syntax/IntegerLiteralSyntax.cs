using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>An integer as written; the binder checks its range.</summary>
public sealed record IntegerLiteralSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
