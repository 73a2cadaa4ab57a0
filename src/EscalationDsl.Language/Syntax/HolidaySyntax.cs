using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>holiday 2026-12-25 "Christmas Day"</c> or <c>holiday 2026-12-24..2026-12-26</c>.</summary>
public sealed record HolidaySyntax(LiteralTokenSyntax From, LiteralTokenSyntax? To, StringLiteralSyntax? Label, TextSpan Span) : SyntaxNode(Span);
