using EscalationDsl.Analysis;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// One finding as every output format needs it: where (1-based lines, UTF-16 columns, end exclusive),
/// what, the source line, and a fingerprint that survives edits elsewhere in the file.
/// </summary>
/// <param name="Source">The policy the finding is in.</param>
/// <param name="Diagnostic">The compiler diagnostic or lint finding.</param>
/// <param name="Start">First character.</param>
/// <param name="End">Just past the last character.</param>
/// <param name="Fingerprint">Stable across line moves: a hash of the code, the path and the trimmed source line, with an occurrence number.</param>
public sealed record LintFinding(SourceText Source, Diagnostic Diagnostic, LinePosition Start, LinePosition End, string Fingerprint)
{
    /// <summary>The path as shown to the user (relative to the working directory when inside it).</summary>
    public string Path => Source.Path;

    /// <summary>The lint rule behind the finding, or null for compiler diagnostics (ESC codes).</summary>
    public LintRule? Rule => Diagnostic.Code.StartsWith("ESL", StringComparison.Ordinal) ? LintRuleCatalog.Find(Diagnostic.Code) : null;

    /// <summary>error, warning or info.</summary>
    public string LevelName => DiagnosticFormatter.LevelName(Diagnostic.Level);
}
