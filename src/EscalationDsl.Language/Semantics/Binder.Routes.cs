using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>Routes (which owner each value of a field goes to) and the <c>calendar by</c> block (which calendar).</summary>
internal sealed partial class Binder
{
    private void BindRoutes(IEnumerable<RouteSyntax> syntax)
    {
        foreach (var route in syntax)
        {
            if (ResolveField(route.Field, TypeTaking(route.Entries.SelectMany(e => e.Values))) is not { } field)
            {
                continue;
            }

            if (routes.TryGetValue(field.Name, out var first))
            {
                Duplicate(route.Field, "route on field", first.Span);
                continue;
            }

            // The route is still registered, so `route(field)` elsewhere does not add "no route" errors.
            var routable = HasValues(route.Field, field, "A route picks an owner", "route on", "an enum, text, number, severity or owner field");
            var (entries, fallback) = BindEntries(field, routable, route.Entries, ResolveOwner, "is already routed");
            routes[field.Name] = new RouteModel(
                field,
                [.. entries.Select(e => new RouteEntryModel(e.Values, e.Target, e.Span))],
                fallback,
                route.Span);
        }
    }

    /// <summary>
    /// The policy's <c>calendar by</c> block, bound before the severities and rules whose business
    /// durations it measures; null when there is none (or its field does not resolve).
    /// </summary>
    private CalendarChoiceModel? BindCalendarChoice(IEnumerable<CalendarChoiceSyntax> syntax)
    {
        CalendarChoiceModel? choice = null;
        TextSpan? firstSpan = null;
        string? firstField = null;
        foreach (var block in syntax)
        {
            calendarChoiceWritten = true;
            if (firstSpan is { } first)
            {
                diagnostics.Add(DiagnosticCatalog.SecondCalendarChoiceFound(block.Field.Span, block.Field.Name, block.Field.Name == firstField, Line(first)));
                continue;
            }

            firstSpan = block.Span;
            firstField = block.Field.Name;
            if (ResolveField(block.Field, TypeTaking(block.Entries.SelectMany(e => e.Values))) is not { } field)
            {
                continue;
            }

            var choosable = HasValues(block.Field, field, "`calendar by` picks a calendar", "choose by", "a declared enum, text or number field, issue_type or status")
                && SetByEvents(block.Field, field);
            var (entries, fallback) = BindEntries(field, choosable, block.Entries, ResolveCalendar, "already has a calendar");
            if ((fallback ?? defaultCalendar) is not { } resolved)
            {
                // Reported once here, rather than at every business duration the block would measure.
                if (!block.Entries.Any(e => e.IsDefault))
                {
                    diagnostics.Add(DiagnosticCatalog.CalendarChoiceWithoutFallbackFound(block.Field.Span, field.Name));
                }

                resolved = entries.Count > 0 ? entries[0].Target : null;
            }

            if (resolved is not null)
            {
                choice = new CalendarChoiceModel(
                    field,
                    [.. entries.Select(e => new CalendarChoiceEntryModel(e.Values, e.Target, e.Span))],
                    resolved,
                    block.Span)
                {
                    FieldSpan = block.Field.Span,
                };
            }
        }

        return choice;
    }

    /// <summary>
    /// True when only the ticket's events set the field (declared fields, <c>issue_type</c>, <c>status</c>),
    /// so a change of calendar comes with an event; otherwise reports it (ESC2017).
    /// </summary>
    private bool SetByEvents(IdentifierSyntax name, FieldModel field)
    {
        if (!BuiltIns.IsSetByEventsOnly(field))
        {
            Mismatch(name.Span, $"`calendar by` picks a calendar by the value of '{field.Name}', but '{field.Name}' also changes by the policy's own actions, which would move the ticket between calendars in the middle of a step. Choose by a field the ticket's events set: a declared enum, text or number field, issue_type or status.");
            return false;
        }

        return true;
    }

    /// <summary>True when the field has values to choose by; otherwise reports it (ESC2017).</summary>
    private bool HasValues(IdentifierSyntax name, FieldModel field, string picks, string verb, string fields)
    {
        if (field.Type is FieldType.Flag or FieldType.Event or FieldType.Time)
        {
            Mismatch(name.Span, $"{picks} by the value of '{field.Name}', but '{field.Name}' is {Describe(field.Type)} field and has no values to {verb}. {char.ToUpperInvariant(verb[0])}{verb[1..]} {fields}.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The entries of a route or a <c>calendar by</c> block, values checked against the field (when it
    /// has values) and each listed once, targets resolved; and the <c>default</c> entry's target.
    /// </summary>
    private (List<(ImmutableArray<string> Values, T Target, TextSpan Span)> Entries, T? Fallback) BindEntries<T>(
        FieldModel field, bool checkValues, IEnumerable<RouteEntrySyntax> syntax, Func<IdentifierSyntax, T?> resolve, string listed)
        where T : class
    {
        var entries = new List<(ImmutableArray<string>, T, TextSpan)>();
        var seen = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        T? fallback = null;
        TextSpan? defaultSpan = null;
        foreach (var entry in syntax)
        {
            var target = resolve(entry.Target);
            if (entry.IsDefault)
            {
                if (defaultSpan is { } firstDefault)
                {
                    diagnostics.Add(DiagnosticCatalog.DuplicateRouteValueFound(entry.Span, "default", field.Name, listed, Line(firstDefault)));
                    continue;
                }

                defaultSpan = entry.Span;
                fallback = target;
                continue;
            }

            var values = ImmutableArray.CreateBuilder<string>();
            foreach (var value in entry.Values)
            {
                // Compared as the runtime compares them: `01` and `1` of a number field are one value.
                var key = ValueEntries.Key(field, value.Text);
                if (seen.TryGetValue(key, out var firstSpan))
                {
                    diagnostics.Add(DiagnosticCatalog.DuplicateRouteValueFound(value.Span, value.Text, field.Name, listed, Line(firstSpan)));
                    continue;
                }

                seen[key] = value.Span;
                if (checkValues)
                {
                    CheckValue(field, value.Text, value.Span, value.Kind);
                }

                values.Add(value.Text);
            }

            if (target is not null && values.Count > 0)
            {
                entries.Add((values.ToImmutable(), target, entry.Span));
            }
        }

        return (entries, fallback);
    }
}
