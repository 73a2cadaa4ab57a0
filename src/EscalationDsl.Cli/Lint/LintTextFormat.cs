using System.Text;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>rustc-style text, exactly as `esc check` prints diagnostics.</summary>
internal static class LintTextFormat
{
    public static string Render(LintReport report, bool color)
    {
        var sb = new StringBuilder();
        foreach (var finding in report.Findings)
        {
            sb.Append(DiagnosticFormatter.Format(finding.Source, finding.Diagnostic, color));
        }

        return sb.ToString();
    }
}
