using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Time that passes only inside a calendar's business hours: business minutes (hours are 60 of them)
/// or business days (the same point of the business day, N business days later).
/// </summary>
/// <remarks>
/// <see cref="Calendar"/> is the calendar the duration is measured on; for one whose calendar a
/// <c>calendar by</c> block chooses per ticket (<see cref="ChosenBy"/>), it is the block's fallback,
/// and <see cref="Calendars"/> lists every calendar it may be measured on.
/// </remarks>
public sealed record BusinessDuration(long Minutes, int Days, CalendarModel Calendar, string Text, TextSpan Span) : DurationModel(Text, Span)
{
    /// <summary>True when the duration names its calendar (<c>4 business hours on amer</c>) rather than taking it from its scope.</summary>
    public bool CalendarNamed { get; init; }

    /// <summary>The <c>calendar by</c> block that chooses the calendar for each ticket, or null when <see cref="Calendar"/> is fixed.</summary>
    public CalendarChoiceModel? ChosenBy { get; init; }

    /// <summary>The calendars the duration may be measured on: <see cref="Calendar"/>, or every one <see cref="ChosenBy"/> can choose.</summary>
    public IEnumerable<CalendarModel> Calendars => ChosenBy?.Calendars ?? [Calendar];
}
