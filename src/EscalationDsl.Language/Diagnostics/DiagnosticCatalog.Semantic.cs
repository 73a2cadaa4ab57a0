using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>ESC2001.</summary>
    public static readonly DiagnosticDescriptor MissingPolicyHeader = new("ESC2001", "Missing policy header", DiagnosticLevel.Error);

    /// <summary>ESC2002.</summary>
    public static readonly DiagnosticDescriptor DuplicateName = new("ESC2002", "Duplicate name", DiagnosticLevel.Error);

    /// <summary>ESC2003.</summary>
    public static readonly DiagnosticDescriptor UndefinedOwner = new("ESC2003", "Undefined owner", DiagnosticLevel.Error);

    /// <summary>ESC2004.</summary>
    public static readonly DiagnosticDescriptor UndefinedSeverity = new("ESC2004", "Undefined severity", DiagnosticLevel.Error);

    /// <summary>ESC2005.</summary>
    public static readonly DiagnosticDescriptor UndefinedCalendar = new("ESC2005", "Undefined calendar", DiagnosticLevel.Error);

    /// <summary>ESC2006.</summary>
    public static readonly DiagnosticDescriptor UndefinedField = new("ESC2006", "Undefined field", DiagnosticLevel.Error);

    /// <summary>ESC2007.</summary>
    public static readonly DiagnosticDescriptor UnknownDurationUnit = new("ESC2007", "Unknown duration unit", DiagnosticLevel.Error);

    /// <summary>ESC2008.</summary>
    public static readonly DiagnosticDescriptor BusinessDurationWithoutCalendar = new("ESC2008", "Business duration without a calendar", DiagnosticLevel.Error);

    /// <summary>ESC2009.</summary>
    public static readonly DiagnosticDescriptor UnknownTimeZone = new("ESC2009", "Unknown time zone", DiagnosticLevel.Error);

    /// <summary>ESC2010.</summary>
    public static readonly DiagnosticDescriptor EmptyHoursRange = new("ESC2010", "Hours range ends before it starts", DiagnosticLevel.Error);

    /// <summary>ESC2011.</summary>
    public static readonly DiagnosticDescriptor InvalidTimeOfDay = new("ESC2011", "Invalid time of day", DiagnosticLevel.Error);

    /// <summary>ESC2012.</summary>
    public static readonly DiagnosticDescriptor UnknownWeekday = new("ESC2012", "Unknown weekday", DiagnosticLevel.Error);

    /// <summary>ESC2013.</summary>
    public static readonly DiagnosticDescriptor InvalidDate = new("ESC2013", "Invalid date", DiagnosticLevel.Error);

    /// <summary>ESC2014.</summary>
    public static readonly DiagnosticDescriptor ImmediateStepNotFirst = new("ESC2014", "`immediately` step is not the rule's first step", DiagnosticLevel.Error);

    /// <summary>ESC2015.</summary>
    public static readonly DiagnosticDescriptor DuplicateRouteValue = new("ESC2015", "Route value listed twice", DiagnosticLevel.Error);

    /// <summary>ESC2016.</summary>
    public static readonly DiagnosticDescriptor ValueNotInEnum = new("ESC2016", "Value is not one of the field's values", DiagnosticLevel.Error);

    /// <summary>ESC2017.</summary>
    public static readonly DiagnosticDescriptor TypeMismatch = new("ESC2017", "Condition does not fit the field's type", DiagnosticLevel.Error);

    /// <summary>ESC2018.</summary>
    public static readonly DiagnosticDescriptor UnknownSlaComponent = new("ESC2018", "Unknown SLA component", DiagnosticLevel.Error);

    /// <summary>ESC2019.</summary>
    public static readonly DiagnosticDescriptor DuplicateSlaComponent = new("ESC2019", "SLA component set twice", DiagnosticLevel.Error);

    /// <summary>ESC2020.</summary>
    public static readonly DiagnosticDescriptor UnknownFieldType = new("ESC2020", "Unknown field type", DiagnosticLevel.Error);

    /// <summary>ESC2021.</summary>
    public static readonly DiagnosticDescriptor UnknownEvent = new("ESC2021", "Unknown event or flag", DiagnosticLevel.Error);

    /// <summary>ESC2022.</summary>
    public static readonly DiagnosticDescriptor OwnerReportsToItself = new("ESC2022", "Owner reports to itself", DiagnosticLevel.Error);

    /// <summary>ESC2023.</summary>
    public static readonly DiagnosticDescriptor ZeroDuration = new("ESC2023", "Duration must be positive", DiagnosticLevel.Error);

    /// <summary>ESC2024.</summary>
    public static readonly DiagnosticDescriptor InvalidCap = new("ESC2024", "Repeat cap must be at least 1", DiagnosticLevel.Error);

    /// <summary>ESC2025.</summary>
    public static readonly DiagnosticDescriptor AmbiguousCalendar = new("ESC2025", "Business duration with an ambiguous calendar", DiagnosticLevel.Error);

    /// <summary>ESC2026.</summary>
    public static readonly DiagnosticDescriptor RouteNotDeclared = new("ESC2026", "No route for this field", DiagnosticLevel.Error);

    /// <summary>ESC2027.</summary>
    public static readonly DiagnosticDescriptor NumberOutOfRange = new("ESC2027", "Number out of range", DiagnosticLevel.Error);

    /// <summary>ESC2028.</summary>
    public static readonly DiagnosticDescriptor HolidayRangeReversed = new("ESC2028", "Holiday range ends before it starts", DiagnosticLevel.Error);

    /// <summary>ESC2029.</summary>
    public static readonly DiagnosticDescriptor DuplicateRuleItem = new("ESC2029", "Setting given twice", DiagnosticLevel.Error);

    /// <summary>ESC2030.</summary>
    public static readonly DiagnosticDescriptor InvalidSinceAnchor = new("ESC2030", "`since` needs an event", DiagnosticLevel.Error);

    /// <summary>ESC2031.</summary>
    public static readonly DiagnosticDescriptor CalendarWithoutHours = new("ESC2031", "Calendar has no business hours", DiagnosticLevel.Error);

    /// <summary>ESC2032.</summary>
    public static readonly DiagnosticDescriptor OverlappingHours = new("ESC2032", "Business hours overlap", DiagnosticLevel.Error);

    /// <summary>ESC2033.</summary>
    public static readonly DiagnosticDescriptor BuiltInFieldRedeclared = new("ESC2033", "Built-in field redeclared", DiagnosticLevel.Error);

    /// <summary>ESC2034.</summary>
    public static readonly DiagnosticDescriptor BadEnumValues = new("ESC2034", "Enum values missing or misplaced", DiagnosticLevel.Error);

    /// <summary>ESC2035.</summary>
    public static readonly DiagnosticDescriptor MultipleDefaultCalendars = new("ESC2035", "More than one default calendar", DiagnosticLevel.Error);

    /// <summary>ESC2036.</summary>
    public static readonly DiagnosticDescriptor NoSeverities = new("ESC2036", "Policy declares no severity", DiagnosticLevel.Error);

    /// <summary>ESC2037.</summary>
    public static readonly DiagnosticDescriptor WithFieldNotAllowed = new("ESC2037", "`with` is only allowed on `mitigate`", DiagnosticLevel.Error);

    /// <summary>ESC2038.</summary>
    public static readonly DiagnosticDescriptor CalendarOnWallClock = new("ESC2038", "`on CALENDAR` on wall-clock time", DiagnosticLevel.Error);

    /// <summary>ESC2039.</summary>
    public static readonly DiagnosticDescriptor DurationUnitsOutOfOrder = new("ESC2039", "Duration unit repeated or out of order", DiagnosticLevel.Error);

    /// <summary>ESC2040.</summary>
    public static readonly DiagnosticDescriptor CalendarChoiceWithoutFallback = new("ESC2040", "`calendar by` without a calendar for other values", DiagnosticLevel.Error);

    /// <summary>ESC2041.</summary>
    public static readonly DiagnosticDescriptor SecondCalendarChoice = new("ESC2041", "More than one `calendar by` block", DiagnosticLevel.Error);

    /// <summary>ESC2042: found by <see cref="PolicySet"/>, which compares the files read together.</summary>
    public static readonly DiagnosticDescriptor PolicyNameTaken = new("ESC2042", "Policy name declared by another file", DiagnosticLevel.Error);

    /// <summary>Creates ESC2001.</summary>
    public static Diagnostic MissingPolicyHeaderFound(TextSpan span) =>
        Create(MissingPolicyHeader, span, "The file has no policy header. Start it with a line such as `policy \"support\" version 1`.");

    /// <summary>Creates ESC2002.</summary>
    public static Diagnostic DuplicateNameFound(TextSpan span, string kind, string name, int firstLine) =>
        Create(DuplicateName, span, $"The {kind} '{name}' is already declared on line {firstLine}. Rename one of them or remove the duplicate.");

    /// <summary>Creates ESC2003.</summary>
    public static Diagnostic UndefinedOwnerFound(TextSpan span, string name, IEnumerable<string> declared) =>
        Create(UndefinedOwner, span, $"Owner '{name}' is not declared. Declare it under `owners`.{Suggest(name, declared, "owner")}");

    /// <summary>Creates ESC2004.</summary>
    /// <remarks>
    /// In a rule's `for` list, `all` means every severity, which the language writes `for any`; declaring
    /// a severity named `all` would not be the fix.
    /// </remarks>
    public static Diagnostic UndefinedSeverityFound(TextSpan span, string name, IEnumerable<string> declared, bool inForList = false) =>
        Create(UndefinedSeverity, span, inForList && name.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? $"Severity '{name}' is not declared. To apply the rule to every severity, write `for any`."
            : $"Severity '{name}' is not declared. Declare it with `severity {name} {{ ... }}`.{Suggest(name, declared, "severity")}");

    /// <summary>Creates ESC2005.</summary>
    public static Diagnostic UndefinedCalendarFound(TextSpan span, string name, IEnumerable<string> declared) =>
        Create(UndefinedCalendar, span, $"Calendar '{name}' is not declared. Declare it with `calendar {name} \"Zone/Name\" {{ ... }}`.{Suggest(name, declared, "calendar")}");

    /// <summary>Creates ESC2006.</summary>
    /// <remarks>
    /// A close name is suggested from declared and built-in fields alike; without one, only the
    /// declared fields are listed, because the built-in events would drown them.
    /// </remarks>
    /// <param name="span">The name's span.</param>
    /// <param name="name">The name looked up as a field.</param>
    /// <param name="declared">The fields the policy declares.</param>
    /// <param name="builtIn">The built-in fields.</param>
    /// <param name="fittingType">The type the example declaration gives the field, one that fits where it is used (<c>flag</c>, <c>time</c>, <c>enum [a, b]</c>...).</param>
    /// <param name="timeUse">
    /// "since" or "older than" when the name was to give a time; a ticket event that is not a field
    /// is then told which names give one, instead of being offered a field declaration.
    /// </param>
    public static Diagnostic UndefinedFieldFound(TextSpan span, string name, IEnumerable<string> declared, IEnumerable<string> builtIn, string fittingType, string? timeUse = null)
    {
        var declaredList = declared.ToList();
        var closest = SuggestClosest(name, declaredList.Concat(builtIn));
        var tail = closest.Length > 0 ? closest : declaredList.Count > 0 ? Suggest(name, declaredList, "field") : string.Empty;
        var timed = string.Join(", ", BuiltIns.Fields.Where(f => f.HasTime).Select(f => f.Name));
        var message = (BuiltIns.Events.ContainsKey(name), timeUse) switch
        {
            (true, "since") => $"'{name}' is a ticket event that `on {name}` reacts to, but it keeps no time of its own, so `since {name}` cannot count from it. `since` and `older than` take a built-in event field ({timed}) or a field of type time.",
            (true, { } use) => $"'{name}' is a ticket event that `on {name}` reacts to, but it keeps no time of its own, so `{name} {use}` cannot measure it. `since` and `older than` take a built-in event field ({timed}) or a field of type time.",
            (true, null) => $"'{name}' is a ticket event that `on {name}` reacts to, not a field, so it has no value to use here. Use a built-in field or one declared under `fields`.",
            _ => $"Field '{name}' is not declared. Declare it under `fields` (for example `{name} {fittingType}`) or use a built-in field.{tail}",
        };
        return Create(UndefinedField, span, message);
    }

    /// <summary>Creates ESC2007.</summary>
    /// <remarks>
    /// The advice depends on the form: '15mins' needs the one-letter unit, '4 h' needs the space
    /// removed or the word spelt out, and business time has no weeks. Where the intent is clear the
    /// message offers the corrected text. A word for business time (`2 working days`, `2 workdays`) is
    /// offered `business`.
    /// </remarks>
    /// <param name="span">The unit, with the unit word after it when there is one.</param>
    /// <param name="text">The duration as written.</param>
    /// <param name="unit">The word in the unit's place.</param>
    /// <param name="form">How the duration is written.</param>
    /// <param name="followingUnit">A unit word written after <paramref name="unit"/> (<c>days</c> in <c>2 working days</c>).</param>
    public static Diagnostic UnknownDurationUnitFound(TextSpan span, string text, string unit, DurationUnitForm form, string? followingUnit = null)
    {
        var lead = $"'{text}' has no valid unit: '{unit}' is not one.";
        var known = CompactUnitAliases.TryGetValue(unit, out var alias);
        var amount = text.Split(' ')[0];
        var following = followingUnit is null ? null : UnitWord(followingUnit);
        var business = form switch
        {
            DurationUnitForm.Compact => null,
            DurationUnitForm.Business when following is not null => following,
            _ => BusinessUnitMeant(unit, followingUnit),
        };
        var advice = form switch
        {
            _ when business is "week" or "weeks" => " Business time is not counted in weeks; write business days instead, such as '5 business days'.",
            _ when business is not null => $" Did you mean '{amount} business {business}'?",
            _ when following is "week" or "weeks" => $" Did you mean '{amount} {following}'?",
            _ when following is not null => $" Did you mean '{amount} {following}', or '{amount} business {following}' for business time?",
            DurationUnitForm.Compact when known => $" Did you mean '{text.Replace(unit, alias.Unit, StringComparison.Ordinal)}'?",
            DurationUnitForm.Compact => " Write wall-clock time as 15m, 4h, 2d or 1w (or combined, such as 1h30m).",
            DurationUnitForm.Words when known && alias.Unit == unit => $" Did you mean '{amount}{unit}' or '{amount} {alias.Word}'?",
            DurationUnitForm.Words when known => $" Did you mean '{amount} {alias.Word}'?",
            DurationUnitForm.Words => $"{SuggestClosest(unit, WordUnits)} Use minutes, hours, days or weeks, such as '4 hours', or the short form 4h.",
            _ when known && alias.Unit == "w" => " Business time is not counted in weeks; write business days instead, such as '5 business days'.",
            _ when known => $" Did you mean '{amount} business {alias.Word}'?",
            _ => $"{SuggestClosest(unit, BusinessUnits)} Business durations use minutes, hours or days, such as '4 business hours'.",
        };
        return Create(UnknownDurationUnit, span, lead + advice);
    }

    /// <summary>Creates ESC2008.</summary>
    public static Diagnostic BusinessDurationWithoutCalendarFound(TextSpan span, string text) =>
        Create(BusinessDurationWithoutCalendar, span, $"'{text}' is business time, but the policy declares no calendar to measure it on. Declare a `calendar`, or use wall-clock time such as 4h.");

    /// <summary>
    /// Creates ESC2009: for an abbreviation, the region ids it usually means (<c>PST</c>: <c>America/Los_Angeles</c>);
    /// otherwise the ids close to it, never a legacy one (<see cref="TimeZoneNames"/>).
    /// </summary>
    public static Diagnostic UnknownTimeZoneFound(TextSpan span, string zone) =>
        Create(UnknownTimeZone, span, TimeZoneNames.RegionFor(zone) is { } region
            ? $"'{zone}' is not an IANA time zone; {region}."
            : $"'{zone}' is not an IANA time zone.{(TimeZoneNames.Closest(zone) is { Count: > 0 } near ? DidYouMean(zone, near) : "")} Use a name such as \"America/New_York\" or \"Europe/Berlin\".");

    /// <summary>Creates ESC2010.</summary>
    public static Diagnostic EmptyHoursRangeFound(TextSpan span, string from, string to) =>
        Create(EmptyHoursRange, span, $"The hours range {from}-{to} does not end after it starts. Write the earlier time first; for hours across midnight write two ranges, such as 22:00-24:00 on one day and 00:00-06:00 on the next.");

    /// <summary>Creates ESC2011.</summary>
    public static Diagnostic InvalidTimeOfDayFound(TextSpan span, string text) =>
        Create(InvalidTimeOfDay, span, $"'{text}' is not a time of day. Use HH:MM between 00:00 and 24:00.");

    /// <summary>Creates ESC2012.</summary>
    public static Diagnostic UnknownWeekdayFound(TextSpan span, string text, IEnumerable<string> days) =>
        Create(UnknownWeekday, span, $"'{text}' is not a weekday.{SuggestClosest(text, days)} Use mon, tue, wed, thu, fri, sat or sun, or a range such as mon..fri.");

    /// <summary>Creates ESC2013.</summary>
    public static Diagnostic InvalidDateFound(TextSpan span, string text) =>
        Create(InvalidDate, span, $"'{text}' is not a calendar date. Use an existing date as YYYY-MM-DD.");

    /// <summary>Creates ESC2014.</summary>
    public static Diagnostic ImmediateStepNotFirstFound(TextSpan span, string rule) =>
        Create(ImmediateStepNotFirst, span, $"Rule '{rule}' has an `immediately` step after another step. A rule has at most one `immediately` step and it comes first, so the rule reads in time order; merge or move it.");

    /// <summary>Creates ESC2015.</summary>
    /// <param name="span">The repeated value or entry.</param>
    /// <param name="value">The value, or <c>default</c>.</param>
    /// <param name="field">The field routed on.</param>
    /// <param name="listed">What the first entry did with the value: <c>is already routed</c>, <c>already has a calendar</c>.</param>
    /// <param name="firstLine">The first entry's line.</param>
    public static Diagnostic DuplicateRouteValueFound(TextSpan span, string value, string field, string listed, int firstLine) =>
        Create(DuplicateRouteValue, span, $"The value '{value}' of '{field}' {listed} on line {firstLine}. Remove one of the entries.");

    /// <summary>Creates ESC2016.</summary>
    public static Diagnostic ValueNotInEnumFound(TextSpan span, string value, string field, IReadOnlyCollection<string> allowed) =>
        Create(ValueNotInEnum, span, $"'{value}' is not a value of '{field}'.{SuggestClosest(value, allowed)} Allowed values: {string.Join(", ", allowed)}.");

    /// <summary>Creates ESC2017.</summary>
    public static Diagnostic TypeMismatchFound(TextSpan span, string message) =>
        Create(TypeMismatch, span, message);

    /// <summary>Creates ESC2018.</summary>
    public static Diagnostic UnknownSlaComponentFound(TextSpan span, string name, bool cadence) =>
        Create(UnknownSlaComponent, span, cadence
            ? $"'{name}' cannot repeat. Only `update every D until CONDITION` sets a communication cadence."
            : $"'{name}' is not an SLA component.{SuggestClosest(name, SlaComponentNames)} Components: {string.Join(", ", SlaComponentNames)}.");

    /// <summary>Creates ESC2019.</summary>
    public static Diagnostic DuplicateSlaComponentFound(TextSpan span, string severity, string component, int firstLine) =>
        Create(DuplicateSlaComponent, span, $"Severity '{severity}' already sets '{component}' on line {firstLine}. Keep one target per component.");

    /// <summary>Creates ESC2020.</summary>
    public static Diagnostic UnknownFieldTypeFound(TextSpan span, string type) =>
        Create(UnknownFieldType, span, $"'{type}' is not a field type.{SuggestClosest(type, FieldTypeNames)} Types: {string.Join(", ", FieldTypeNames)}.");

    /// <summary>Creates ESC2021.</summary>
    /// <remarks>
    /// For a field the policy has that is not a flag (a built-in one such as `escalated`, which cannot
    /// be redeclared (ESC2033), or a declared one of another type, which cannot be declared twice), the
    /// message points to conditions, with an example that fits the field as the policy has it.
    /// </remarks>
    public static Diagnostic UnknownEventFound(TextSpan span, string name, IEnumerable<string> known, FieldModel? field) =>
        Create(UnknownEvent, span, field is not null
            ? $"'{name}' is {(field.IsBuiltIn ? "a built-in" : "a declared")} field, not a ticket event or a flag, so `on {name}` cannot react to it. Test it in a condition instead, for example `when {ConditionExample(field)}`."
            : $"'{name}' is neither a ticket event nor a declared flag field.{SuggestClosest(name, known)} Declare it as `{name} flag` under `fields` to react when it is raised.");

    /// <summary>A condition that tests a built-in field, for messages: `escalated`, `escalation_level >= 2`.</summary>
    private static string ConditionExample(FieldModel field) => field.Type switch
    {
        FieldType.Event or FieldType.Flag => field.Name,
        FieldType.Number => $"{field.Name} >= 2",
        FieldType.Enum when !field.Values.IsEmpty => $"{field.Name} == {field.Values[^1]}",
        _ => $"{field.Name} == VALUE",
    };

    /// <summary>Creates ESC2022.</summary>
    public static Diagnostic OwnerReportsToItselfFound(TextSpan span, string owner) =>
        Create(OwnerReportsToItself, span, $"Owner '{owner}' reports to itself, so `escalate to next` could never leave it. Name the owner it escalates to.");

    /// <summary>Creates ESC2023.</summary>
    public static Diagnostic ZeroDurationFound(TextSpan span, string text) =>
        Create(ZeroDuration, span, $"'{text}' is zero. Use a positive duration, or `immediately` for a step that fires at once.");

    /// <summary>Creates ESC2024.</summary>
    public static Diagnostic InvalidCapFound(TextSpan span, string text) =>
        Create(InvalidCap, span, $"`up to {text} times` would never fire. Use a cap of at least 1, or remove the cap.");

    /// <summary>Creates ESC2025.</summary>
    public static Diagnostic AmbiguousCalendarFound(TextSpan span, string text, IEnumerable<string> calendars) =>
        Create(AmbiguousCalendar, span, $"'{text}' is business time, but the policy has several calendars ({string.Join(", ", calendars)}) and none applies here. Write '{text} on NAME', set `calendar NAME` in the rule or severity, or mark one calendar `default`.");

    /// <summary>Creates ESC2026.</summary>
    public static Diagnostic RouteNotDeclaredFound(TextSpan span, string field, IEnumerable<string> routed)
    {
        var routes = routed.ToList();
        var tail = routes.Count > 0 ? Suggest(field, routes, "route", "Routed") : string.Empty;
        return Create(RouteNotDeclared, span, $"No route is declared for field '{field}'. Declare `route {field} {{ ... }}`.{tail}");
    }

    /// <summary>Creates ESC2027.</summary>
    public static Diagnostic NumberOutOfRangeFound(TextSpan span, string text, string what, string limit) =>
        Create(NumberOutOfRange, span, $"'{text}' is too large for {what}, which is at most {limit}. Write a smaller value.");

    /// <summary>Creates ESC2028.</summary>
    /// <param name="span">The range.</param>
    /// <param name="from">The start as written.</param>
    /// <param name="to">The end as written.</param>
    /// <param name="overNewYear">The range with its end a year later, when that makes a range of a month or less, or null.</param>
    public static Diagnostic HolidayRangeReversedFound(TextSpan span, string from, string to, string? overNewYear) =>
        Create(HolidayRangeReversed, span, overNewYear is null
            ? $"The holiday range {from}..{to} ends before it starts. Write the earlier date first."
            : $"The holiday range {from}..{to} ends before it starts. If it runs over the new year, write {overNewYear}; otherwise write the earlier date first.");

    /// <summary>Creates ESC2029.</summary>
    public static Diagnostic DuplicateRuleItemFound(TextSpan span, string container, string item, int firstLine) =>
        Create(DuplicateRuleItem, span, $"{container} already sets `{item}` on line {firstLine}. Keep one.");

    /// <summary>Creates ESC2030.</summary>
    public static Diagnostic InvalidSinceAnchorFound(TextSpan span, string name) =>
        Create(InvalidSinceAnchor, span, $"`since {name}` needs something that happens at a time: a built-in event field such as customer_update, or a field of type time. '{name}' has no time.");

    /// <summary>Creates ESC2031.</summary>
    public static Diagnostic CalendarWithoutHoursFound(TextSpan span, string calendar) =>
        Create(CalendarWithoutHours, span, $"Calendar '{calendar}' has no `hours`, so business time would never pass on it. Add a line such as `hours mon..fri 09:00-17:00`.");

    /// <summary>Creates ESC2032.</summary>
    /// <param name="span">The range given second.</param>
    /// <param name="days">The weekdays on which the two ranges overlap, in the order written.</param>
    /// <param name="range">The range given second, such as 12:00-13:00.</param>
    /// <param name="earlier">The range given first that it overlaps.</param>
    /// <param name="earlierLine">The line of the range given first.</param>
    public static Diagnostic OverlappingHoursFound(TextSpan span, IReadOnlyList<string> days, string range, string earlier, int earlierLine) =>
        Create(OverlappingHours, span, $"The hours {range} on {Join(days)} overlap {earlier} given on line {earlierLine}. Business time would be counted twice; merge the ranges.");

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";

    /// <summary>Creates ESC2033.</summary>
    public static Diagnostic BuiltInFieldRedeclaredFound(TextSpan span, string field, bool refinable = false) =>
        Create(BuiltInFieldRedeclared, span, refinable
            ? $"'{field}' is a built-in text field; it may be declared again only as text or as an enum that lists its values (`{field} enum [a, b]`)."
            : $"'{field}' is a built-in field and cannot be redeclared. Use it without declaring it (only issue_type and status may be declared, to list their values).");

    /// <summary>Creates ESC2034.</summary>
    public static Diagnostic BadEnumValuesFound(TextSpan span, string field, bool isEnum) =>
        Create(BadEnumValues, span, isEnum
            ? $"Field '{field}' is an enum but lists no values. Write `{field} enum [a, b, c]`."
            : $"Field '{field}' lists values but is not an enum. Write `{field} enum [...]`, or drop the list.");

    /// <summary>Creates ESC2035.</summary>
    public static Diagnostic MultipleDefaultCalendarsFound(TextSpan span, string calendar, string first) =>
        Create(MultipleDefaultCalendars, span, $"Calendar '{calendar}' is marked `default`, but '{first}' already is. Mark only one calendar `default`.");

    /// <summary>Creates ESC2036.</summary>
    public static Diagnostic NoSeveritiesFound(TextSpan span) =>
        Create(NoSeverities, span, "The policy declares no severity. Declare at least one, such as `severity sev1 \"Critical\" { acknowledge within 15m }`.");

    /// <summary>Creates ESC2037.</summary>
    public static Diagnostic WithFieldNotAllowedFound(TextSpan span, string component, string field) =>
        Create(WithFieldNotAllowed, span, $"'{component} within ... with FIELD' is not supported: only `mitigate` may require a field (such as next_update) with the mitigation. Remove `with {field}` here, or move it to the `mitigate` target.");

    /// <summary>Creates ESC2038.</summary>
    public static Diagnostic CalendarOnWallClockFound(TextSpan span, string text, string calendar) =>
        Create(CalendarOnWallClock, span, $"'{text}' is wall-clock time, which passes the same on every calendar, so `on {calendar}` would be ignored. Write business time (`N business hours on {calendar}`) or drop `on {calendar}`.");

    /// <summary>Creates ESC2039: <paramref name="minutes"/> is the time the parts add up to.</summary>
    public static Diagnostic DurationUnitsOutOfOrderFound(TextSpan span, string text, string unit, CompactDurationProblem problem, long minutes)
    {
        var (what, advice) = CompactDuration.OrderAdvice(text, unit, problem, minutes);
        return Create(DurationUnitsOutOfOrder, span, $"{what}. Write {advice}.");
    }

    /// <summary>Creates ESC2040.</summary>
    public static Diagnostic CalendarChoiceWithoutFallbackFound(TextSpan span, string field) =>
        Create(CalendarChoiceWithoutFallback, span, $"`calendar by {field}` has no `default` entry and no calendar is marked `default`, so a ticket whose {field} has no entry (or no value) would have no calendar. Add `default -> CALENDAR` to the block.");

    /// <summary>Creates ESC2041.</summary>
    public static Diagnostic SecondCalendarChoiceFound(TextSpan span, string field, bool sameField, int firstLine) =>
        Create(SecondCalendarChoice, span, $"A second `calendar by` block (on '{field}'): the calendar of a ticket's business durations is chosen by one field, in the block on line {firstLine}. "
            + (sameField ? "Merge the entries into that block." : "Keep one block, and name calendars in the rules and severities that need another (`calendar NAME`, or `on NAME` on a duration)."));

    /// <summary>Creates ESC2042.</summary>
    public static Diagnostic PolicyNameTakenFound(TextSpan span, string name, string firstPath, int firstLine) =>
        Create(PolicyNameTaken, span, $"Policy '{name}' is already declared in {firstPath} on line {firstLine}, and policy names must be unique: the engine runs one of the files and refuses the others. "
            + "Rename the policy in one of them, or remove one.");
}
