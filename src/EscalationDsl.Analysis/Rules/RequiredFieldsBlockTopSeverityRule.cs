using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL016: a <c>require FIELDS before escalate</c> guard that can apply to tickets of the most severe
/// level (the first severity declared) while a rule escalates them. Until somebody fills the fields,
/// the most urgent tickets are not escalated at all. The guard applies unless its `when` (with the
/// rule's selector, for guards inside a rule) is certainly false for that severity.
/// </summary>
public sealed class RequiredFieldsBlockTopSeverityRule() : LintRule(
    "ESL016",
    "required-fields-block-top-severity",
    DiagnosticLevel.Warning,
    "A required-fields guard applies to the most severe level, so missing information can hold back its escalation indefinitely.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        if (policy.Severities.IsEmpty)
        {
            yield break;
        }

        var top = policy.Severities[0];
        var escalating = policy.Rules.Where(r => Matrix.MayApply(policy, r, top) && r.Steps.Any(s => s.Actions.Any(a => a is EscalateAction))).ToList();
        var guards = policy.RequireGuards.Select(g => (Guard: g, Rules: escalating))
            .Concat(escalating.SelectMany(r => r.RequireGuards.Select(g => (Guard: g, Rules: new List<RuleModel> { r }))))
            .OrderBy(x => x.Guard.Span.Start);
        foreach (var (guard, rules) in guards)
        {
            var applies = rules.Any(rule => Matrix.IssueTypes(policy).Any(issueType =>
                Matrix.Applies(policy, rule, top, issueType) != false && Matrix.Holds(policy, guard.When, top, issueType) != false));
            if (applies)
            {
                var fields = string.Join(", ", guard.Fields.Select(f => f.Name));
                yield return Report(guard.Span,
                    $"This guard applies to {top.Name} tickets: while {(guard.Fields.Length == 1 ? fields : "any of " + fields)} is missing, {English.Article(top.Name)} {top.Name} is not escalated {(guard.When is null ? "at all" : $"while `{ModelFormatter.Format(guard.When)}` holds")}. Exempt it (`when severity != {top.Name}`), or make sure the fields are set when the ticket is created.");
            }
        }
    }
}
