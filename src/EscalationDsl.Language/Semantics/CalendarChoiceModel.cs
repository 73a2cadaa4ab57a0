using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// <c>calendar by FIELD { VALUE -> CALENDAR ... default -> CALENDAR }</c>: the calendar that measures a
/// ticket's business durations that name none (no <c>on CALENDAR</c>, no rule or severity calendar),
/// chosen by the ticket's value of <see cref="Field"/> whenever a deadline is computed: when a wait
/// starts, and again when a pause or a change of the value makes the runtime compute it again.
/// </summary>
/// <param name="Field">The field whose value chooses.</param>
/// <param name="Entries">Values and their calendars, in the order written.</param>
/// <param name="Fallback">
/// The calendar for any other value or none: the block's <c>default</c> entry, else the calendar marked
/// <c>default</c>, else the only calendar.
/// </param>
/// <param name="Span">The block.</param>
public sealed record CalendarChoiceModel(FieldModel Field, ImmutableArray<CalendarChoiceEntryModel> Entries, CalendarModel Fallback, TextSpan Span)
{
    /// <summary>The field's name where the block names it.</summary>
    public TextSpan FieldSpan { get; init; }

    /// <summary>The calendar for a value: the matching entry's (numbers compare as numbers), else <see cref="Fallback"/>.</summary>
    public CalendarModel Resolve(string? value) => ValueEntries.Find(Field, Entries, value)?.Calendar ?? Fallback;

    /// <summary>Every calendar the block can choose, each once, the fallback first.</summary>
    public IEnumerable<CalendarModel> Calendars =>
        new[] { Fallback }.Concat(Entries.Select(e => e.Calendar)).DistinctBy(c => c.Name);
}

/// <summary>One line of a <c>calendar by</c> block: values to a calendar.</summary>
public sealed record CalendarChoiceEntryModel(ImmutableArray<string> Values, CalendarModel Calendar, TextSpan Span) : IValueEntry;
