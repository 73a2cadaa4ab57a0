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
            return new LintResult(model, model.Diagnostics, [], RulesRan: false);
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

        var suppressions = SuppressedLines(model);
        var kept = new List<Diagnostic>();
        var suppressed = new List<SuppressedFinding>();
        foreach (var finding in findings)
        {
            if (suppressions.TryGetValue((model.Source.GetPosition(finding.Span.Start).Line, finding.Code), out var by))
            {
                suppressed.Add(new SuppressedFinding(finding, by.Reason));
            }
            else
            {
                kept.Add(finding);
            }
        }

        return new LintResult(model, ByPosition(model.Diagnostics.Concat(kept), d => d), ByPosition(suppressed, s => s.Diagnostic), RulesRan: true);
    }

    private static ImmutableArray<T> ByPosition<T>(IEnumerable<T> items, Func<T, Diagnostic> diagnostic) => items
        .OrderBy(i => diagnostic(i).Span.Start)
        .ThenBy(i => diagnostic(i).Code, StringComparer.Ordinal)
        .ThenBy(i => diagnostic(i).Message, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>The suppression comment covering each (line, code) pair: the comment is on the line before.</summary>
    private static Dictionary<(int Line, string Code), Suppression> SuppressedLines(SemanticModel model)
    {
        var covered = new Dictionary<(int Line, string Code), Suppression>();
        foreach (var suppression in SuppressionParser.Parse(model))
        {
            foreach (var code in suppression.Codes)
            {
                covered.TryAdd((suppression.Line + 1, code), suppression);
            }
        }

        return covered;
    }
}
