using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL011: a route without <c>default -&gt; OWNER</c>. A ticket whose value no entry lists, or whose field is
/// not set, has no routed owner, and every <c>escalate to route(FIELD)</c> for it is skipped.
/// </summary>
public sealed class RouteWithoutDefaultRule() : LintRule(
    "ESL011",
    "route-without-default",
    DiagnosticLevel.Warning,
    "A route has no `default` entry, so tickets with other or missing values are routed to nobody.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var route in model.Policy.Routes.Where(r => r.Default is null))
        {
            var listed = route.Entries.SelectMany(e => e.Values).ToHashSet(StringComparer.Ordinal);
            var missing = route.Field.Type == FieldType.Enum ? route.Field.Values.Where(v => !listed.Contains(v)).ToList() : [];
            var who = missing.Count > 0
                ? $"tickets with {route.Field.Name} {string.Join(", ", missing)} or without one"
                : route.Field.Type == FieldType.Enum
                    ? $"tickets without a {route.Field.Name}"
                    : $"tickets without a {route.Field.Name} or with an unlisted one";
            yield return Report(SyntaxIndex.RouteHeadSpan(model, route),
                $"The route on '{route.Field.Name}' has no default: {who} are routed to nobody, and `escalate to route({route.Field.Name})` skips them. Add `default -> OWNER`.");
        }
    }
}
