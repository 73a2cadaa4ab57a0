using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Resolves names and checks meaning. Declarations are collected first, so the order of
/// declarations in a file does not matter. Every problem becomes a diagnostic; the model
/// leaves out what could not be bound.
/// </summary>
internal sealed partial class Binder(SourceText source)
{
    private readonly List<Diagnostic> diagnostics = [];
    private readonly Dictionary<string, CalendarModel> calendars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnerModel> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldModel> fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SeverityModel> severities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteModel> routes = new(StringComparer.Ordinal);
    private CalendarModel? defaultCalendar;
    private CalendarChoiceModel? calendarChoice;

    /// <summary>True when the policy writes a <c>calendar by</c> block, bound or not (its own errors explain the durations it would measure).</summary>
    private bool calendarChoiceWritten;

    /// <summary>
    /// Checks that a syntax error can cause: a declaration the parser skipped makes every use of
    /// its name "not declared", a dropped `hours` line leaves a calendar without hours, and a
    /// damaged value list leaves values out of an enum. After a syntax error these are not
    /// reported; they show once the syntax is fixed, if they are real.
    /// </summary>
    private static readonly HashSet<string> CodesHiddenBySyntaxErrors = new(StringComparer.Ordinal)
    {
        DiagnosticCatalog.UndefinedOwner.Code,
        DiagnosticCatalog.UndefinedSeverity.Code,
        DiagnosticCatalog.UndefinedCalendar.Code,
        DiagnosticCatalog.UndefinedField.Code,
        DiagnosticCatalog.ValueNotInEnum.Code,
        DiagnosticCatalog.UnknownEvent.Code,
        DiagnosticCatalog.RouteNotDeclared.Code,
        DiagnosticCatalog.CalendarWithoutHours.Code,
        DiagnosticCatalog.CalendarChoiceWithoutFallback.Code,
    };

    public IReadOnlyList<Diagnostic> Diagnostics => diagnostics;

    /// <summary>Binds a file's syntax into the policy model.</summary>
    /// <param name="file">The syntax, possibly with holes where the parser recovered.</param>
    /// <param name="suppressHeaderCheck">
    /// True when the file has syntax errors: the checks for a missing header or severity, and the
    /// other checks a syntax error can cause (<see cref="CodesHiddenBySyntaxErrors"/>), are skipped.
    /// </param>
    public PolicyModel Bind(PolicyFileSyntax file, bool suppressHeaderCheck)
    {
        var name = file.Header?.Name?.Value ?? string.Empty;
        var version = 0;
        if (file.Header is null)
        {
            if (!suppressHeaderCheck)
            {
                diagnostics.Add(DiagnosticCatalog.MissingPolicyHeaderFound(new TextSpan(0, 0)));
            }
        }
        else if (file.Header.Version is { } v)
        {
            version = ParseInt(v, "a policy version") ?? 0;
        }

        var decls = file.Declarations;
        foreach (var field in BuiltIns.Fields)
        {
            fields[field.Name] = field;
        }

        BindCalendars(decls.OfType<CalendarSyntax>());
        BindOwners(decls.OfType<OwnersSyntax>().SelectMany(o => o.Owners));
        BindFields(decls.OfType<FieldsSyntax>().SelectMany(f => f.Fields));

        // Severities are registered before their bodies are bound: conditions may compare `severity`.
        var severitySyntax = RegisterSeverities(decls.OfType<SeveritySyntax>());
        BindRoutes(decls.OfType<RouteSyntax>());
        calendarChoice = BindCalendarChoice(decls.OfType<CalendarChoiceSyntax>());
        var boundSeverities = severitySyntax.Select(BindSeverity).ToImmutableArray();
        foreach (var severity in boundSeverities)
        {
            severities[severity.Name] = severity;
        }

        var rules = BindRules(decls.OfType<EscalationSyntax>());
        var requireGuards = decls.OfType<RequireGuardSyntax>().Select(g => BindRequireGuard(g, null, null)).OfType<RequireGuardModel>().ToImmutableArray();
        var pageGuards = decls.OfType<PageGuardSyntax>().Select(g => BindPageGuard(g, null)).OfType<PageGuardModel>().ToImmutableArray();
        var deescalations = decls.OfType<DeescalateSyntax>()
            .Select(d => BindCondition(d.When, Scope.Policy) is { } when ? new DeescalationModel(when, BindActions(d.Actions, Scope.Policy), d.Span) : null)
            .OfType<DeescalationModel>()
            .ToImmutableArray();
        var pauses = decls.OfType<PauseSyntax>()
            .Select(p => BindCondition(p.While, Scope.Policy) is { } c ? new PauseModel(c, p.Span) : null)
            .OfType<PauseModel>()
            .ToImmutableArray();

        if (boundSeverities.IsEmpty && !suppressHeaderCheck)
        {
            diagnostics.Add(DiagnosticCatalog.NoSeveritiesFound(file.Header?.Span ?? new TextSpan(0, 0)));
        }

        if (suppressHeaderCheck)
        {
            diagnostics.RemoveAll(d => CodesHiddenBySyntaxErrors.Contains(d.Code));
        }

        return new PolicyModel(
            name,
            version,
            [.. calendars.Values.OrderBy(c => c.Span.Start)],
            [.. owners.Values.OrderBy(o => o.Index)],
            [.. fields.Values.Where(f => !f.IsBuiltIn).OrderBy(f => f.Span.Start), .. fields.Values.Where(f => f.IsBuiltIn)],
            boundSeverities,
            [.. routes.Values.OrderBy(r => r.Span.Start)],
            rules,
            requireGuards,
            pageGuards,
            deescalations,
            pauses)
        {
            CalendarChoice = calendarChoice,
        };
    }

    // ------------------------------------------------------------ owners

    private void BindOwners(IEnumerable<OwnerSyntax> syntax)
    {
        var declared = new List<OwnerSyntax>();
        foreach (var owner in syntax)
        {
            if (owners.TryGetValue(owner.Name.Name, out var first))
            {
                Duplicate(owner.Name, "owner", first.NameSpan);
                continue;
            }

            var model = new OwnerModel(
                owner.Name.Name,
                owners.Count,
                owner.Kind,
                owner.DisplayName?.Value ?? owner.Name.Name,
                owner.IsEngineering,
                owner.ReportsTo?.Name,
                owner.Span,
                owner.Name.Span);
            owners[model.Name] = model;
            declared.Add(owner);
            ReportRepeatedOwnerSettings(owner);
        }

        foreach (var owner in declared)
        {
            if (owner.ReportsTo is not { } target)
            {
                continue;
            }

            if (target.Name == owner.Name.Name)
            {
                diagnostics.Add(DiagnosticCatalog.OwnerReportsToItselfFound(target.Span, owner.Name.Name));
            }
            else
            {
                ResolveOwner(target);
            }
        }
    }

    /// <summary>
    /// A second `reports to` would silently replace the first, and a second `engineering` says
    /// nothing new; both are ESC2029, as a repeated setting in a rule is. The first one counts.
    /// </summary>
    private void ReportRepeatedOwnerSettings(OwnerSyntax owner)
    {
        var seen = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        foreach (var attribute in owner.Attributes)
        {
            var key = attribute is ReportsToAttributeSyntax ? "reports to" : "engineering";
            if (seen.TryGetValue(key, out var first))
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateRuleItemFound(attribute.Span, $"Owner '{owner.Name.Name}'", key, Line(first)));
            }
            else
            {
                seen[key] = attribute.Span;
            }
        }
    }

    private OwnerModel? ResolveOwner(IdentifierSyntax name)
    {
        if (owners.TryGetValue(name.Name, out var owner))
        {
            return owner;
        }

        diagnostics.Add(DiagnosticCatalog.UndefinedOwnerFound(name.Span, name.Name, owners.Keys));
        return null;
    }

    // ------------------------------------------------------------ fields

    private void BindFields(IEnumerable<FieldSyntax> syntax)
    {
        foreach (var field in syntax)
        {
            var name = field.Name.Name;
            if (fields.TryGetValue(name, out var existing))
            {
                if (existing.IsBuiltIn && !BuiltIns.Refinable.Contains(name))
                {
                    diagnostics.Add(DiagnosticCatalog.BuiltInFieldRedeclaredFound(field.Name.Span, name));
                    continue;
                }

                if (!existing.IsBuiltIn)
                {
                    Duplicate(field.Name, "field", existing.Span);
                    continue;
                }
            }

            FieldType? type = field.Type.Name switch
            {
                "flag" => FieldType.Flag,
                "text" => FieldType.Text,
                "number" => FieldType.Number,
                "time" => FieldType.Time,
                "enum" => FieldType.Enum,
                _ => null,
            };
            if (type is null)
            {
                diagnostics.Add(DiagnosticCatalog.UnknownFieldTypeFound(field.Type.Span, field.Type.Name));
                continue;
            }

            if (existing is { IsBuiltIn: true } && type is not (FieldType.Text or FieldType.Enum))
            {
                diagnostics.Add(DiagnosticCatalog.BuiltInFieldRedeclaredFound(field.Type.Span, name, refinable: true));
                continue;
            }

            if (type == FieldType.Enum && field.Values.IsEmpty || type != FieldType.Enum && field.HasValueList)
            {
                diagnostics.Add(DiagnosticCatalog.BadEnumValuesFound(field.Type.Span, name, type == FieldType.Enum));
            }

            var values = ImmutableArray.CreateBuilder<string>();
            var seen = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
            foreach (var value in field.Values)
            {
                if (seen.TryGetValue(value.Text, out var firstSpan))
                {
                    diagnostics.Add(DiagnosticCatalog.DuplicateNameFound(value.Span, "value", value.Text, Line(firstSpan)));
                    continue;
                }

                seen[value.Text] = value.Span;
                values.Add(value.Text);
            }

            fields[name] = new FieldModel(name, type.Value, type == FieldType.Enum ? values.ToImmutable() : [], false, field.Span);
        }
    }

    private FieldModel? ResolveField(IdentifierSyntax name) => ResolveField(name, "text");

    /// <param name="name">The name to look up.</param>
    /// <param name="fittingType">
    /// The type a declaration of the field would take to fit where it is used (<c>flag</c>, <c>number</c>,
    /// <c>enum [a, b]</c>...), for the message's example.
    /// </param>
    /// <param name="timeUse">"since" or "older than" when the field is to give a time, for the message.</param>
    private FieldModel? ResolveField(IdentifierSyntax name, string fittingType, string? timeUse = null)
    {
        if (fields.TryGetValue(name.Name, out var field))
        {
            return field;
        }

        diagnostics.Add(DiagnosticCatalog.UndefinedFieldFound(
            name.Span, name.Name, fields.Values.Where(f => !f.IsBuiltIn).Select(f => f.Name), BuiltIns.Fields.Select(f => f.Name), fittingType, timeUse));
        return null;
    }

    /// <summary>
    /// The field type that takes the values a condition or route compares an undeclared field with:
    /// integers make a number, bare words an enum of those words, anything else text.
    /// </summary>
    private static string TypeTaking(IEnumerable<ValueSyntax> values)
    {
        var list = values.ToList();
        return list.Count > 0 && list.TrueForAll(v => v.Kind == ValueKind.Integer) ? "number"
            : list.Count > 0 && list.TrueForAll(v => v.Kind == ValueKind.Identifier) ? $"enum [{string.Join(", ", list.Select(v => v.Text).Distinct(StringComparer.Ordinal))}]"
            : "text";
    }

    // ------------------------------------------------------------ helpers

    private void Duplicate(IdentifierSyntax name, string kind, TextSpan first) =>
        diagnostics.Add(DiagnosticCatalog.DuplicateNameFound(name.Span, kind, name.Name, Line(first)));

    private int Line(TextSpan span) => source.GetPosition(span.Start).Line;

    private int? ParseInt(IntegerLiteralSyntax literal, string what)
    {
        if (int.TryParse(literal.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(literal.Span, literal.Text, what, int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return null;
    }
}
