using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL026: a declared field named after a ticket event that is not a built-in field (<c>assigned</c>,
/// <c>field_set</c>, <c>severity_changed</c>, ...). The binder accepts it, but the name then means two
/// things: <c>on NAME</c> is bound to the event first, and every other use reads the policy's own field,
/// which the event of that name does not set.
/// </summary>
public sealed class FieldNamedAfterEventRule() : LintRule(
    "ESL026",
    "field-named-after-event",
    DiagnosticLevel.Warning,
    "A field is declared under the name of a ticket event, so `on NAME` reacts to the event while conditions and `since` read the field.")
{
    /// <summary>The events that are not fields: assigned, field_set, severity_changed, and so on.</summary>
    private static readonly HashSet<string> EventsOnly = BuiltIns.Events.Keys
        .Where(e => !BuiltIns.Fields.Any(f => f.Name == e))
        .ToHashSet(StringComparer.Ordinal);

    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var field in model.Policy.Fields.Where(f => !f.IsBuiltIn && EventsOnly.Contains(f.Name)))
        {
            var name = field.Name;
            yield return Report(SyntaxIndex.FieldNameSpan(field),
                $"Field '{name}' has the name of the ticket event `{name}` but is not that event: `on {name}` reacts to the event, "
                + $"while conditions, `since`, `route` and `require` read the field, which changes only when an event sets this field. "
                + $"Rename the field, for example to '{Renamed(field)}'.");
        }
    }

    private static string Renamed(FieldModel field) => field.Type switch
    {
        FieldType.Time => field.Name + "_at",
        FieldType.Flag => "is_" + field.Name,
        _ => $"{field.Name}_{field.Type.ToString().ToLowerInvariant()}",
    };
}
