using EscalationDsl.Cli.Output;

namespace EscalationDsl.Cli.Lint;

/// <summary>One JSON document in the shape of `esc check --format json`, with lint counts.</summary>
internal static class LintJsonFormat
{
    public static string Render(LintReport report) => JsonOutput.Serialize(new
    {
        files = report.Files.Length,
        errors = report.Errors,
        warnings = report.Warnings,
        infos = report.Infos,
        suppressed = report.Suppressed,
        diagnostics = report.Findings.Select(f => DiagnosticDto.From(f.Source, f.Diagnostic)),
    });
}
