using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EscalationDsl.Analysis;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli.Lint;

/// <summary>The outcome of `esc lint` as data; each output format renders this and nothing else.</summary>
/// <param name="Files">Every linted policy, in input order.</param>
/// <param name="Findings">Every finding, by file and then position.</param>
/// <param name="SuppressedFindings">The findings suppression comments removed, by file and then position, each with the comment's reason.</param>
public sealed record LintReport(ImmutableArray<LintResult> Files, ImmutableArray<LintFinding> Findings, ImmutableArray<(LintFinding Finding, string? Reason)> SuppressedFindings)
{
    /// <summary>How many findings suppression comments removed.</summary>
    public int Suppressed => SuppressedFindings.Length;

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
        var suppressed = ImmutableArray.CreateBuilder<(LintFinding, string?)>();

        // Suppressed findings are numbered apart, so suppressing one leaves the others' fingerprints
        // as they were, and a finding keeps its fingerprint when it becomes suppressed.
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var suppressedOccurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in files)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                var d = warningsAsErrors && diagnostic.Level == DiagnosticLevel.Warning ? diagnostic.WithLevel(DiagnosticLevel.Error) : diagnostic;
                findings.Add(Finding(result.Model.Source, d, occurrences));
            }

            foreach (var (diagnostic, reason) in result.SuppressedFindings)
            {
                suppressed.Add((Finding(result.Model.Source, diagnostic, suppressedOccurrences), reason));
            }
        }

        return new LintReport(files, findings.ToImmutable(), suppressed.ToImmutable());
    }

    private static LintFinding Finding(SourceText source, Diagnostic d, Dictionary<string, int> occurrences)
    {
        var start = source.GetPosition(d.Span.Start);
        var end = source.GetPosition(d.Span.End);
        var hash = Hash($"{d.Code}\n{source.Path}\n{source.GetLineText(start.Line).Trim()}");
        var occurrence = occurrences[hash] = occurrences.GetValueOrDefault(hash) + 1;
        return new LintFinding(source, d, start, end, string.Create(CultureInfo.InvariantCulture, $"{hash}:{occurrence}"));
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
