using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Diagnostics;

/// <summary>
/// One problem found in a policy: where (span in the source), how serious, which code and what to do.
/// Every code has a page under <c>docs/diagnostics/</c> (compiler) or <c>docs/rules/</c> (linter).
/// </summary>
/// <param name="Code">Stable code such as <c>ESC2003</c>; never reused for another problem.</param>
/// <param name="Level">Severity of the finding.</param>
/// <param name="Message">A full sentence that quotes the name involved and says how to fix it.</param>
/// <param name="Span">The exact source range the problem is about.</param>
/// <param name="HelpLink">Where the code is documented, relative to the repository root.</param>
public sealed record Diagnostic(string Code, DiagnosticLevel Level, string Message, TextSpan Span, string HelpLink)
{
    /// <summary>True for <see cref="DiagnosticLevel.Error"/>.</summary>
    public bool IsError => Level == DiagnosticLevel.Error;

    /// <summary>The same finding at another level (lint configuration may change levels).</summary>
    public Diagnostic WithLevel(DiagnosticLevel level) => this with { Level = level };
}
