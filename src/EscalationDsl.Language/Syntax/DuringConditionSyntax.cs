using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>during emea</c>: true inside the calendar's business hours.</summary>
public sealed record DuringConditionSyntax(IdentifierSyntax Calendar, TextSpan Span) : ConditionSyntax(Span);
