using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using NodaTime;

namespace EscalationDsl.Simulation;

/// <summary>What the simulator needs to know about a policy beyond running it.</summary>
public static class PolicyFacts
{
    /// <summary>
    /// The calendar of a business duration that names none, for a ticket the policy says nothing more
    /// about: the one a <c>calendar by</c> block gives other values, else the calendar marked
    /// <c>default</c>, else the only calendar, else null (docs/language.md).
    /// </summary>
    public static CalendarModel? DefaultCalendar(PolicyModel policy) =>
        policy.CalendarChoice?.Fallback ?? policy.Calendars.FirstOrDefault(c => c.IsDefault) ?? (policy.Calendars.Length == 1 ? policy.Calendars[0] : null);

    /// <summary>The zone of the default calendar, else UTC: how local timestamps are read and weeks are cut.</summary>
    public static DateTimeZone DefaultZone(PolicyModel policy) => DefaultCalendar(policy)?.Zone ?? DateTimeZone.Utc;

    /// <summary>The declared values of a settable enum field, or null when the field is not an enum (or not settable).</summary>
    public static IReadOnlyList<string>? EnumValues(CompiledPolicy policy, string field) =>
        policy.KnowsField(field) && policy.Model.FindField(field) is { Type: FieldType.Enum } f ? f.Values : null;

    /// <summary>The type of a settable field, or null.</summary>
    public static FieldType? SettableType(CompiledPolicy policy, string field) =>
        policy.KnowsField(field) ? policy.Model.FindField(field)?.Type : null;
}
