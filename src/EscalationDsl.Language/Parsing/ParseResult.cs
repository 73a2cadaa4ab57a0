using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Parsing;

/// <summary>The syntax of one file and the syntax errors found while reading it.</summary>
/// <param name="Source">The text that was parsed.</param>
/// <param name="Syntax">The syntax tree; complete when there are no errors, best effort otherwise.</param>
/// <param name="Diagnostics">Syntax errors (ESC1xxx) in source order.</param>
public sealed record ParseResult(SourceText Source, PolicyFileSyntax Syntax, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>True when any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
