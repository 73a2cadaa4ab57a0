using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Severities, SLA targets and durations.</summary>
internal sealed partial class Binder
{
    // Durations longer than this are certainly mistakes and would overflow instant arithmetic.
    private const long MaxMinutes = CompactDuration.MaxMinutes;
    private const string MaxDurationText = CompactDuration.MaxText;

    private readonly List<string> severityOrder = [];

    /// <summary>The calendar that applies to business durations where they are written.</summary>
    private readonly record struct Scope(CalendarModel? Calendar, string? RuleName)
    {
        public static Scope Policy => default;
    }

    private List<SeveritySyntax> RegisterSeverities(IEnumerable<SeveritySyntax> syntax)
    {
        var unique = new List<SeveritySyntax>();
        var first = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        foreach (var severity in syntax)
        {
            if (first.TryGetValue(severity.Name.Name, out var firstSpan))
            {
                Duplicate(severity.Name, "severity", firstSpan);
                continue;
            }

            first[severity.Name.Name] = severity.Name.Span;
            severityOrder.Add(severity.Name.Name);
            unique.Add(severity);
        }

        return unique;
    }

    private SeverityModel BindSeverity(SeveritySyntax severity, int rank)
    {
        var name = severity.Name.Name;
        CalendarModel? calendar = null;
        TextSpan? calendarSpan = null;
        foreach (var item in severity.Items.OfType<SeverityCalendarSyntax>())
        {
            if (calendarSpan is { } firstSpan)
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateRuleItemFound(item.Span, $"Severity '{name}'", "calendar", Line(firstSpan)));
                continue;
            }

            calendarSpan = item.Span;
            calendar = ResolveCalendar(item.Calendar);
        }

        var scope = new Scope(calendar, null);
        var targets = ImmutableArray.CreateBuilder<SlaTargetModel>();
        var seen = new Dictionary<SlaComponent, TextSpan>();
        UpdateCadenceModel? cadence = null;
        foreach (var item in severity.Items)
        {
            switch (item)
            {
                case SlaTargetSyntax target:
                    var component = Component(target.Component);
                    var within = BindDuration(target.Duration, scope);
                    if (component is null)
                    {
                        continue;
                    }

                    if (seen.TryGetValue(component.Value, out var firstTarget))
                    {
                        diagnostics.Add(DiagnosticCatalog.DuplicateSlaComponentFound(target.Component.Span, name, target.Component.Name, Line(firstTarget)));
                        continue;
                    }

                    seen[component.Value] = target.Span;
                    FieldModel? with = null;
                    if (target.WithField is { } withField)
                    {
                        if (component != SlaComponent.Mitigate)
                        {
                            diagnostics.Add(DiagnosticCatalog.WithFieldNotAllowedFound(withField.Span, target.Component.Name, withField.Name));
                        }
                        else
                        {
                            with = ResolveField(withField);
                        }
                    }

                    if (within is not null)
                    {
                        targets.Add(new SlaTargetModel(component.Value, within, with, target.Span));
                    }

                    break;
                case UpdateCadenceSyntax update:
                    if (update.Component.Name != "update")
                    {
                        diagnostics.Add(DiagnosticCatalog.UnknownSlaComponentFound(update.Component.Span, update.Component.Name, cadence: true));
                        continue;
                    }

                    if (seen.TryGetValue(SlaComponent.Update, out var firstCadence))
                    {
                        diagnostics.Add(DiagnosticCatalog.DuplicateSlaComponentFound(update.Component.Span, name, "update", Line(firstCadence)));
                        continue;
                    }

                    seen[SlaComponent.Update] = update.Span;
                    var interval = BindDuration(update.Interval, scope);
                    var until = update.Until is null ? null : BindCondition(update.Until, scope);
                    if (interval is not null)
                    {
                        cadence = new UpdateCadenceModel(interval, until, update.Span);
                    }

                    break;
            }
        }

        return new SeverityModel(name, rank, severity.DisplayName?.Value ?? name, targets.ToImmutable(), cadence, calendar, severity.Span, severity.Name.Span);
    }

    private SlaComponent? Component(IdentifierSyntax name)
    {
        SlaComponent? component = name.Name switch
        {
            "acknowledge" => SlaComponent.Acknowledge,
            "first_update" => SlaComponent.FirstUpdate,
            "assign" => SlaComponent.Assign,
            "mitigate" => SlaComponent.Mitigate,
            "resolve" => SlaComponent.Resolve,
            _ => null,
        };
        if (component is null)
        {
            diagnostics.Add(DiagnosticCatalog.UnknownSlaComponentFound(name.Span, name.Name, cadence: false));
        }

        return component;
    }

    /// <summary>A severity of a rule's `for` list.</summary>
    private SeverityModel? ResolveSeverity(IdentifierSyntax name)
    {
        if (severities.TryGetValue(name.Name, out var severity))
        {
            return severity;
        }

        diagnostics.Add(DiagnosticCatalog.UndefinedSeverityFound(name.Span, name.Name, severityOrder, inForList: true));
        return null;
    }

    // ------------------------------------------------------------ durations

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>The unit of a duration, with the unit word written after it (`working days`).</summary>
    private static TextSpan UnitSpan(WordDurationSyntax word) => word.FollowingUnit is { } after ? word.Unit.Span.Cover(after.Span) : word.Unit.Span;

    private DurationModel? BindDuration(DurationSyntax syntax, Scope scope)
    {
        var text = Whitespace().Replace(source.Slice(syntax.Span), " ");
        switch (syntax)
        {
            case CompactDurationSyntax compact:
                switch (CompactDuration.TryParse(compact.Text, out var total, out var unit))
                {
                    case CompactDurationProblem.UnknownUnit:
                        diagnostics.Add(DiagnosticCatalog.UnknownDurationUnitFound(compact.Span, compact.Text, unit!, DurationUnitForm.Compact));
                        return null;
                    case CompactDurationProblem.TooLong or CompactDurationProblem.NotADuration:
                        diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(compact.Span, compact.Text, "a duration", MaxDurationText));
                        return null;
                    case { } order:
                        diagnostics.Add(DiagnosticCatalog.DurationUnitsOutOfOrderFound(compact.Span, compact.Text, unit!, order, total));
                        return null;
                }

                return CheckedWallClock(total, text, compact.Span);

            case WordDurationSyntax word:
                if (!long.TryParse(word.Amount.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxMinutes)
                {
                    diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(word.Amount.Span, word.Amount.Text, "a duration", MaxDurationText));
                    return null;
                }

                var unitName = word.Unit.Name;
                if (!word.IsBusiness)
                {
                    long? minutes = unitName switch
                    {
                        "minute" or "minutes" => 1,
                        "hour" or "hours" => 60,
                        "day" or "days" => 1440,
                        "week" or "weeks" => 10080,
                        _ => null,
                    };
                    if (minutes is null)
                    {
                        diagnostics.Add(DiagnosticCatalog.UnknownDurationUnitFound(UnitSpan(word), text, unitName, DurationUnitForm.Words, word.FollowingUnit?.Name));
                        return null;
                    }

                    if (word.Calendar is { } stray && ResolveCalendar(stray) is not null)
                    {
                        diagnostics.Add(DiagnosticCatalog.CalendarOnWallClockFound(stray.Span, text, stray.Name));
                        return null;
                    }

                    return CheckedWallClock(count * minutes.Value, text, word.Span);
                }

                var (businessMinutes, businessDays) = unitName switch
                {
                    "minute" or "minutes" => (count, 0L),
                    "hour" or "hours" => (count * 60, 0L),
                    "day" or "days" => (0L, count),
                    _ => (-1L, -1L),
                };
                if (businessMinutes < 0)
                {
                    diagnostics.Add(DiagnosticCatalog.UnknownDurationUnitFound(UnitSpan(word), text, unitName, DurationUnitForm.Business, word.FollowingUnit?.Name));
                    return null;
                }

                if (businessMinutes > MaxMinutes || businessDays > 3660)
                {
                    diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(word.Amount.Span, word.Amount.Text, "a duration", MaxDurationText));
                    return null;
                }

                if (businessMinutes == 0 && businessDays == 0)
                {
                    diagnostics.Add(DiagnosticCatalog.ZeroDurationFound(word.Span, text));
                    return null;
                }

                // Steps 1-3 of the order in docs/language.md, then the `calendar by` block, then the default.
                var chosenBy = word.Calendar is null && scope.Calendar is null ? calendarChoice : null;
                var calendar = word.Calendar is { } named ? ResolveCalendar(named) : scope.Calendar ?? chosenBy?.Fallback ?? defaultCalendar;
                if (calendar is null)
                {
                    // A `calendar by` block that did not bind has said why; the durations it would measure add nothing.
                    if (word.Calendar is null && !(scope.Calendar is null && calendarChoiceWritten))
                    {
                        diagnostics.Add(calendars.Count == 0
                            ? DiagnosticCatalog.BusinessDurationWithoutCalendarFound(word.Span, text)
                            : DiagnosticCatalog.AmbiguousCalendarFound(word.Span, text, calendars.Keys.Order(StringComparer.Ordinal)));
                    }

                    return null;
                }

                return new BusinessDuration(businessMinutes, (int)businessDays, calendar, text, word.Span)
                {
                    CalendarNamed = word.Calendar is not null,
                    ChosenBy = chosenBy,
                };

            default:
                return null;
        }
    }

    private WallClockDuration? CheckedWallClock(long minutes, string text, TextSpan span)
    {
        if (minutes > MaxMinutes)
        {
            diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(span, text, "a duration", MaxDurationText));
            return null;
        }

        if (minutes == 0)
        {
            diagnostics.Add(DiagnosticCatalog.ZeroDurationFound(span, text));
            return null;
        }

        return new WallClockDuration(Duration.FromMinutes(minutes), text, span);
    }
}
