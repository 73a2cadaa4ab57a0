using System.Collections.Immutable;
using EscalationDsl.Analysis.Configuration;
using EscalationDsl.Analysis.Suppressions;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis;

/// <summary>
/// Lints one bound policy: `check` first (a policy with errors gets only its compiler diagnostics),
/// then every rule that is not off, at its configured level, then inline suppressions.
/// </summary>
public static class Linter
{
    /// <summary>Lints a policy with the given configuration (defaults when null).</summary>
    public static LintResult Lint(SemanticModel model, LintConfiguration? configuration = null)
    {
        if (model.HasErrors)
        {
            return new LintResult(model, model.Diagnostics, 0, RulesRan: false);
        }

        configuration ??= LintConfiguration.Default;
        var findings = new List<Diagnostic>();
        foreach (var rule in LintRuleCatalog.All)
        {
            if (configuration.IsOff(rule))
            {
                continue;
            }

            var level = configuration.LevelOf(rule);
            findings.AddRange(rule.Analyze(model).Select(d => d.Level == level ? d : d.WithLevel(level)));
        }

        var suppressed = SuppressedLines(model);
        var kept = findings.Where(d => !suppressed.Contains((model.Source.GetPosition(d.Span.Start).Line, d.Code))).ToList();
        var diagnostics = model.Diagnostics.Concat(kept)
            .OrderBy(d => d.Span.Start)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToImmutableArray();
        return new LintResult(model, diagnostics, findings.Count - kept.Count, RulesRan: true);
    }

    /// <summary>(line, code) pairs that a suppression comment on the line before covers.</summary>
    private static HashSet<(int Line, string Code)> SuppressedLines(SemanticModel model) =>
        SuppressionParser.Parse(model)
            .SelectMany(s => s.Codes.Select(code => (s.Line + 1, code)))
            .ToHashSet();
}
