using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Suppressions;

/// <summary>
/// A <c># esc-disable-next-line ESL004,ESL007 reason</c> comment: the findings of the named rules that
/// start on the line after <see cref="Line"/> are not reported.
/// </summary>
/// <param name="Span">The whole comment.</param>
/// <param name="Line">The 1-based line of the comment.</param>
/// <param name="Rules">The rule codes or names as written, each with its exact span.</param>
/// <param name="Reason">Why the findings are acceptable; null when the comment gives none.</param>
public sealed record Suppression(TextSpan Span, int Line, ImmutableArray<(string Text, TextSpan Span)> Rules, string? Reason)
{
    /// <summary>The directive that starts a suppression comment.</summary>
    public const string Directive = "esc-disable-next-line";

    /// <summary>The codes of the named rules that exist (unknown names are left out).</summary>
    public IEnumerable<string> Codes => Rules.Select(r => LintRuleCatalog.Find(r.Text)?.Code).OfType<string>();
}
