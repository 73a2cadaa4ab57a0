using System.Collections.Immutable;
using System.Globalization;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>Conditions and the typing of values against fields.</summary>
internal sealed partial class Binder
{
    private ConditionModel? BindCondition(ConditionSyntax condition, Scope scope)
    {
        switch (condition)
        {
            case AndConditionSyntax and:
                var l = BindCondition(and.Left, scope);
                var r = BindCondition(and.Right, scope);
                return l is null || r is null ? null : new AndCondition(l, r, and.Span);

            case OrConditionSyntax or:
                var ol = BindCondition(or.Left, scope);
                var or2 = BindCondition(or.Right, scope);
                return ol is null || or2 is null ? null : new OrCondition(ol, or2, or.Span);

            case NotConditionSyntax not:
                return BindCondition(not.Operand, scope) is { } operand ? new NotCondition(operand, not.Span) : null;

            case FlagConditionSyntax flag:
                if (ResolveField(flag.Field, "flag") is not { } flagField)
                {
                    return null;
                }

                if (flagField.Type == FieldType.Severity)
                {
                    Mismatch(flag.Span, "Every ticket has a severity, so `severity` alone is always true. Compare it instead, for example `severity == sev1`.");
                    return null;
                }

                return new FlagCondition(flagField, flag.Span);

            case CompareConditionSyntax compare:
                if (ResolveField(compare.Field, TypeTaking([compare.Value])) is not { } field)
                {
                    return null;
                }

                var ordered = compare.Operator is not (CompareOperator.Equal or CompareOperator.NotEqual);
                if (ordered && field.Type is not (FieldType.Number or FieldType.Severity))
                {
                    Mismatch(compare.Span, $"'{field.Name}' is {Describe(field.Type)} field, so it can only be compared with == or !=. Ordering (<, <=, >, >=) works on number fields and on `severity`.");
                    return null;
                }

                return CheckValue(field, compare.Value.Text, compare.Value.Span, compare.Value.Kind)
                    ? new CompareCondition(field, compare.Operator, compare.Value.Text, compare.Span)
                    : null;

            case InConditionSyntax inCondition:
                if (ResolveField(inCondition.Field, TypeTaking(inCondition.Values)) is not { } inField)
                {
                    return null;
                }

                var ok = true;
                foreach (var value in inCondition.Values)
                {
                    ok &= CheckValue(inField, value.Text, value.Span, value.Kind);
                }

                return ok ? new InCondition(inField, inCondition.Negated, [.. inCondition.Values.Select(v => v.Text)], inCondition.Span) : null;

            case OlderConditionSyntax older:
                var age = BindDuration(older.Age, scope);
                if (ResolveField(older.Field, "time", "older than") is not { } olderField)
                {
                    return null;
                }

                if (!olderField.HasTime)
                {
                    Mismatch(older.Field.Span, $"'{olderField.Name}' is {Describe(olderField.Type)} field and has no time, so `older than` cannot measure it. Use a built-in event field such as customer_update or a field of type time.");
                    return null;
                }

                return age is null ? null : new OlderCondition(olderField, age, older.Span);

            case DuringConditionSyntax during:
                return ResolveCalendar(during.Calendar) is { } calendar ? new DuringCondition(calendar, during.Span) : null;

            default:
                return null;
        }
    }

    /// <summary>Checks that a value can be compared with (or routed on) a field; reports why not.</summary>
    private bool CheckValue(FieldModel field, string value, TextSpan span, ValueKind kind = ValueKind.Identifier)
    {
        switch (field.Type)
        {
            case FieldType.Enum when field.Values.IsEmpty:
                // ESC2034 already says the enum lists no values; "allowed values: (none)" adds nothing.
                return false;
            case FieldType.Enum when !field.Values.Contains(value):
                diagnostics.Add(DiagnosticCatalog.ValueNotInEnumFound(span, value, field.Name, field.Values));
                return false;
            case FieldType.Severity when !severityOrder.Contains(value):
                diagnostics.Add(DiagnosticCatalog.UndefinedSeverityFound(span, value, severityOrder));
                return false;
            case FieldType.Owner when !owners.ContainsKey(value):
                diagnostics.Add(DiagnosticCatalog.UndefinedOwnerFound(span, value, owners.Keys));
                return false;
            case FieldType.Number when kind != ValueKind.Integer:
                Mismatch(span, $"'{field.Name}' is a number field; compare it with a number, not '{value}'.");
                return false;
            case FieldType.Number when !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _):
                // The runtime compares numbers as 64-bit integers; a longer one would stop it compiling.
                diagnostics.Add(DiagnosticCatalog.NumberOutOfRangeFound(span, value, $"the number field '{field.Name}'", long.MaxValue.ToString(CultureInfo.InvariantCulture)));
                return false;
            case FieldType.Flag or FieldType.Event:
                Mismatch(span, $"'{field.Name}' is {Describe(field.Type)}; test it on its own (`{field.Name}` or `not {field.Name}`) instead of comparing it with a value.");
                return false;
            case FieldType.Time:
                Mismatch(span, $"'{field.Name}' is a time field; use `{field.Name} older than DURATION` instead of comparing it with a value.");
                return false;
            default:
                return true;
        }
    }

    private void Mismatch(TextSpan span, string message) =>
        diagnostics.Add(DiagnosticCatalog.TypeMismatchFound(span, message));

    /// <summary>The type with its article, as in "'impact' is an enum field".</summary>
    private static string Describe(FieldType type) => type switch
    {
        FieldType.Flag => "a flag",
        FieldType.Text => "a text",
        FieldType.Number => "a number",
        FieldType.Time => "a time",
        FieldType.Enum => "an enum",
        FieldType.Severity => "a severity",
        FieldType.Owner => "an owner",
        _ => "an event",
    };
}
