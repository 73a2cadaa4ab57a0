using System.Security.Cryptography;
using System.Text;
using EscalationDsl.Cli.Output;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// GitLab Code Quality: a JSON array of issues with description, check_name, fingerprint, severity
/// (unique per finding: a hash of the SARIF fingerprint; error → major, warning → minor, info → info, as ESLint's GitLab formatter does) and location.
/// </summary>
internal static class LintGitlabFormat
{
    public static string Render(LintReport report) => JsonOutput.Serialize(report.Findings.Select(f => new Issue(
        f.Diagnostic.Message,
        f.Diagnostic.Code,
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(f.Fingerprint)))[..32],
        f.Diagnostic.Level switch
        {
            DiagnosticLevel.Error => "major",
            DiagnosticLevel.Warning => "minor",
            _ => "info",
        },
        new Location(f.Path, new Lines(f.Start.Line)))));

    private sealed record Issue(string Description, [property: System.Text.Json.Serialization.JsonPropertyName("check_name")] string CheckName, string Fingerprint, string Severity, Location Location)
    {
        public string Type => "issue";
    }

    private sealed record Location(string Path, Lines Lines);

    private sealed record Lines(int Begin);
}
