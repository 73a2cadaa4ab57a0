using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>Routes: which owner each value of a field goes to.</summary>
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
            var routable = field.Type is not (FieldType.Flag or FieldType.Event or FieldType.Time);
            if (!routable)
            {
                Mismatch(route.Field.Span, $"A route picks an owner by the value of '{field.Name}', but '{field.Name}' is {Describe(field.Type)} field and has no values to route on. Route on an enum, text, number, severity or owner field.");
            }

            var entries = ImmutableArray.CreateBuilder<RouteEntryModel>();
            var seen = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
            OwnerModel? fallback = null;
            TextSpan? defaultSpan = null;
            foreach (var entry in route.Entries)
            {
                var owner = ResolveOwner(entry.Owner);
                if (entry.IsDefault)
                {
                    if (defaultSpan is { } firstDefault)
                    {
                        diagnostics.Add(DiagnosticCatalog.DuplicateRouteValueFound(entry.Span, "default", field.Name, Line(firstDefault)));
                        continue;
                    }

                    defaultSpan = entry.Span;
                    fallback = owner;
                    continue;
                }

                var values = ImmutableArray.CreateBuilder<string>();
                foreach (var value in entry.Values)
                {
                    if (seen.TryGetValue(value.Text, out var firstSpan))
                    {
                        diagnostics.Add(DiagnosticCatalog.DuplicateRouteValueFound(value.Span, value.Text, field.Name, Line(firstSpan)));
                        continue;
                    }

                    seen[value.Text] = value.Span;
                    if (routable)
                    {
                        CheckValue(field, value.Text, value.Span, value.Kind);
                    }

                    values.Add(value.Text);
                }

                if (owner is not null && values.Count > 0)
                {
                    entries.Add(new RouteEntryModel(values.ToImmutable(), owner, entry.Span));
                }
            }

            routes[field.Name] = new RouteModel(field, entries.ToImmutable(), fallback, route.Span);
        }
    }
}
