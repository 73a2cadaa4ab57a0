using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Engine.Policies;

/// <summary>What a gate found in a policy file, each as a <c>path:line:col: level[CODE]: message</c> line.</summary>
/// <param name="Errors">The reasons to refuse it; empty to accept it.</param>
/// <param name="Warnings">Findings at warning level: the file still runs, and they are logged and shown in GET /v1/policies.</param>
public sealed record PolicyCheck(IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>The errors and warnings among <paramref name="diagnostics"/> (info findings are neither).</summary>
    public static PolicyCheck Of(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        var all = diagnostics.ToList();
        return new(
            all.Where(d => d.IsError).Select(d => DiagnosticFormatter.FormatHeadline(source, d)).ToList(),
            all.Where(d => d.Level == DiagnosticLevel.Warning).Select(d => DiagnosticFormatter.FormatHeadline(source, d)).ToList());
    }
}
