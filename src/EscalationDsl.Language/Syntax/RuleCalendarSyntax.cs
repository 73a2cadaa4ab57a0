using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>calendar emea</c>: the calendar for the rule's business durations.</summary>
public sealed record RuleCalendarSyntax(IdentifierSyntax Calendar, TextSpan Span) : RuleItemSyntax(Span);
