using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EscalationDsl.Analysis;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>The outcome of `esc lint` as data; each output format renders this and nothing else.</summary>
/// <param name="Files">Every linted policy, in input order.</param>
/// <param name="Findings">Every finding, by file and then position.</param>
/// <param name="Suppressed">How many findings suppression comments removed.</param>
public sealed record LintReport(ImmutableArray<LintResult> Files, ImmutableArray<LintFinding> Findings, int Suppressed)
{
    /// <summary>Findings at error level.</summary>
    public int Errors => Findings.Count(f => f.Diagnostic.Level == DiagnosticLevel.Error);

    /// <summary>Findings at warning level.</summary>
    public int Warnings => Findings.Count(f => f.Diagnostic.Level == DiagnosticLevel.Warning);

    /// <summary>Findings at info level.</summary>
    public int Infos => Findings.Count(f => f.Diagnostic.Level == DiagnosticLevel.Info);

    /// <summary>Builds the report; with <paramref name="warningsAsErrors"/> every warning becomes an error.</summary>
    public static LintReport Build(IEnumerable<LintResult> results, bool warningsAsErrors)
    {
        var files = results.ToImmutableArray();
        var findings = ImmutableArray.CreateBuilder<LintFinding>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in files)
        {
            var source = result.Model.Source;
            foreach (var diagnostic in result.Diagnostics)
            {
                var d = warningsAsErrors && diagnostic.Level == DiagnosticLevel.Warning ? diagnostic.WithLevel(DiagnosticLevel.Error) : diagnostic;
                var start = source.GetPosition(d.Span.Start);
                var end = source.GetPosition(d.Span.End);
                var hash = Hash($"{d.Code}\n{source.Path}\n{source.GetLineText(start.Line).Trim()}");
                var occurrence = occurrences[hash] = occurrences.GetValueOrDefault(hash) + 1;
                findings.Add(new LintFinding(source, d, start, end, string.Create(CultureInfo.InvariantCulture, $"{hash}:{occurrence}")));
            }
        }

        return new LintReport(files, findings.ToImmutable(), files.Sum(f => f.Suppressed));
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
