using EscalationDsl.Analysis;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Benchmarks;

/// <summary>Parse + bind + lint time of the generated 10,000-line policy: what `esc lint` spends per file.</summary>
internal static class LintBenchmark
{
    public static void Run()
    {
        var text = PolicyGenerator.Generate(10_000);
        var lines = text.Count(c => c == '\n');
        var model = SemanticModel.Create(new SourceText("generated.esc", text));
        var result = Linter.Lint(model);
        if (!result.RulesRan)
        {
            throw new InvalidOperationException("generated policy has errors: " + model.Diagnostics[0].Message);
        }

        var total = Measure.Median(3, 11, () => Linter.Lint(SemanticModel.Create(new SourceText("generated.esc", text))));
        var rulesOnly = Measure.Median(3, 11, () => Linter.Lint(model));
        var findings = string.Join(", ", result.Diagnostics.GroupBy(d => d.Code).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));
        var slowest = LintRuleCatalog.All
            .Select(rule => (rule.Code, Time: Measure.Median(1, 5, () => rule.Analyze(model).Count())))
            .OrderByDescending(x => x.Time)
            .Take(3)
            .Select(x => $"{x.Code} {x.Time.TotalMilliseconds:F1} ms");
        Console.WriteLine($"parse+bind+lint: {lines} lines, {model.Policy.Rules.Length} rules, {LintRuleCatalog.All.Length} lint rules, median {total.TotalMilliseconds:F1} ms over 11 runs (lint rules alone {rulesOnly.TotalMilliseconds:F1} ms); findings: {(findings.Length == 0 ? "none" : findings)}; slowest rules: {string.Join(", ", slowest)}");
    }
}
