using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A date (<c>2026-12-25</c>) or time of day (<c>09:00</c>) as written; the binder validates it.</summary>
public sealed record LiteralTokenSyntax(string Text, TextSpan Span) : SyntaxNode(Span);
