using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>calendar emea</c> inside a severity: its business durations use that calendar.</summary>
public sealed record SeverityCalendarSyntax(IdentifierSyntax Calendar, TextSpan Span) : SeverityItemSyntax(Span);
