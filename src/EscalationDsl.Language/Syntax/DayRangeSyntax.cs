using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>One weekday (<c>sat</c>) or a range of them (<c>mon..fri</c>).</summary>
public sealed record DayRangeSyntax(IdentifierSyntax From, IdentifierSyntax? To, TextSpan Span) : SyntaxNode(Span);
