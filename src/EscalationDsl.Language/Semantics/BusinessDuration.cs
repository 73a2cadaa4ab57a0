using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Time that passes only inside a calendar's business hours: business minutes (hours are 60 of them)
/// or business days (the same point of the business day, N business days later).
/// </summary>
public sealed record BusinessDuration(long Minutes, int Days, CalendarModel Calendar, string Text, TextSpan Span) : DurationModel(Text, Span)
{
    /// <summary>True when the duration names its calendar (<c>4 business hours on amer</c>) rather than taking it from its scope.</summary>
    public bool CalendarNamed { get; init; }
}
