using EscalationDsl.Analysis.Suppressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL023: <c># esc-disable-next-line ESL004</c> without a reason. The suppression still applies; the
/// reason is what lets a reviewer judge it later.
/// </summary>
public sealed class SuppressionWithoutReasonRule() : LintRule(
    "ESL023",
    "suppression-without-reason",
    DiagnosticLevel.Warning,
    "An `esc-disable-next-line` comment does not say why the finding is acceptable.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var suppression in SuppressionParser.Parse(model).Where(s => s.Reason is null))
        {
            var rules = suppression.Rules.IsEmpty ? "ESL004" : string.Join(",", suppression.Rules.Select(r => r.Text));
            yield return Report(suppression.Span,
                $"This suppression gives no reason. Say why the finding is acceptable after the rule list: `# {Suppression.Directive} {rules} the reason`.");
        }
    }
}
