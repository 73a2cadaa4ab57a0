using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>ESL021: a route no action uses through <c>route(FIELD)</c>.</summary>
public sealed class UnusedRouteRule() : LintRule(
    "ESL021",
    "unused-route",
    DiagnosticLevel.Warning,
    "A route is declared but no action uses it through `route(FIELD)`.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var used = Usage.Of(model.Policy).Routes;
        foreach (var route in model.Policy.Routes.Where(r => !used.Contains(r.Field.Name)))
        {
            yield return Report(SyntaxIndex.RouteHeadSpan(model, route),
                $"The route on '{route.Field.Name}' is declared but no action uses `route({route.Field.Name})`. Escalate to it where the specialist is needed, or remove it.");
        }
    }
}
