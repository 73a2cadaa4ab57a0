using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>09:00-17:00</c>.</summary>
public sealed record TimeRangeSyntax(LiteralTokenSyntax From, LiteralTokenSyntax To, TextSpan Span) : SyntaxNode(Span);
