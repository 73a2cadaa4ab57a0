using EscalationDsl.Analysis.Suppressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL024: an <c>esc-disable-next-line</c> comment that names no rule, or a code or name that is not a lint
/// rule (compiler diagnostics, ESCnnnn, cannot be suppressed). Such a comment suppresses nothing.
/// </summary>
public sealed class UnknownSuppressionRuleRule() : LintRule(
    "ESL024",
    "unknown-suppression-rule",
    DiagnosticLevel.Warning,
    "An `esc-disable-next-line` comment names no lint rule, or one that does not exist.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var suppression in SuppressionParser.Parse(model))
        {
            if (suppression.Rules.IsEmpty)
            {
                yield return Report(suppression.Span,
                    $"This suppression names no rule, so it suppresses nothing. Write the codes after the directive: `# {Suppression.Directive} ESL004 the reason`.");
                continue;
            }

            foreach (var (text, span) in suppression.Rules.Where(r => LintRuleCatalog.Find(r.Text) is null))
            {
                var closest = NameSuggester.Closest(text, LintRuleCatalog.All.SelectMany(r => new[] { r.Code, r.Name }), max: 1);
                var hint = text.StartsWith("ESC", StringComparison.OrdinalIgnoreCase)
                    ? " Compiler diagnostics (ESC codes) are errors and cannot be suppressed."
                    : closest.Count > 0
                        ? $" Did you mean '{closest[0]}'?"
                        : " Rules are ESL001 to " + LintRuleCatalog.All[^1].Code + " or their names; see docs/rules/README.md.";
                yield return Report(span, $"'{text}' is not a lint rule, so this suppression does nothing for it.{hint}");
            }
        }
    }
}
