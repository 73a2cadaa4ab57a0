using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>hours mon..fri 09:00-12:00, 13:00-17:00</c>.</summary>
public sealed record HoursSyntax(ImmutableArray<DayRangeSyntax> Days, ImmutableArray<TimeRangeSyntax> Ranges, TextSpan Span) : SyntaxNode(Span);
