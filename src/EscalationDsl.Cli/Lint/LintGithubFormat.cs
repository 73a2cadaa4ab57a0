using System.Globalization;
using System.Text;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// GitHub Actions workflow commands, one per finding:
/// <c>::warning file=F,line=L,col=C,endLine=L2,endColumn=C2,title=ESL004::message</c>.
/// Info findings become <c>::notice</c>. Escaping follows the runner: in the message <c>%</c>,
/// <c>\r</c> and <c>\n</c>; in properties also <c>:</c> and <c>,</c>; other control characters show
/// as the text format shows them.
/// </summary>
internal static class LintGithubFormat
{
    public static string Render(LintReport report)
    {
        var sb = new StringBuilder();
        foreach (var f in report.Findings)
        {
            var command = f.Diagnostic.Level switch
            {
                DiagnosticLevel.Error => "error",
                DiagnosticLevel.Warning => "warning",
                _ => "notice",
            };
            sb.Append(CultureInfo.InvariantCulture,
                $"::{command} file={Property(f.Path)},line={f.Start.Line},col={f.Start.Column},endLine={f.End.Line},endColumn={f.End.Column},title={Property(f.Diagnostic.Code)}::{Data(f.Diagnostic.Message)}\n");
        }

        return sb.ToString();
    }

    /// <summary>
    /// Escapes a message (the command's data). Other control characters, quoted from a policy, would
    /// reach the Actions log raw (ESC starts sequences the log renders): they show as in the text
    /// format, C0 controls as Control Pictures (␛), C1 and bidirectional controls as U+FFFD.
    /// </summary>
    public static string Data(string text) =>
        DiagnosticFormatter.Printable(text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal));

    /// <summary>Escapes a property value.</summary>
    public static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
