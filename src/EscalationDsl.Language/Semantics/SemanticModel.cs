using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Parsing;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// One policy file read and bound: its source, syntax, bound model and every diagnostic
/// (syntax and semantic) in source order. Lint rules and the runtime start here.
/// </summary>
public sealed class SemanticModel
{
    private SemanticModel(SourceText source, PolicyFileSyntax syntax, PolicyModel policy, ImmutableArray<Diagnostic> diagnostics)
    {
        Source = source;
        Syntax = syntax;
        Policy = policy;
        Diagnostics = diagnostics;
    }

    /// <summary>The text that was read.</summary>
    public SourceText Source { get; }

    /// <summary>The syntax tree.</summary>
    public PolicyFileSyntax Syntax { get; }

    /// <summary>The bound policy; complete only when <see cref="HasErrors"/> is false.</summary>
    public PolicyModel Policy { get; }

    /// <summary>Syntax and semantic diagnostics, ordered by position.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>True when any diagnostic is an error: the policy must not run.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Parses and binds one file. Never throws on bad input.</summary>
    public static SemanticModel Create(SourceText source)
    {
        var parse = PolicyParser.Parse(source);
        var binder = new Binder(source);
        var policy = binder.Bind(parse.Syntax, suppressHeaderCheck: parse.HasErrors);
        return new SemanticModel(source, parse.Syntax, policy, ByPosition(parse.Diagnostics.Concat(binder.Diagnostics)));
    }

    /// <summary>The same file with a diagnostic found by comparing it with other files (<see cref="PolicySet"/>).</summary>
    internal SemanticModel With(Diagnostic diagnostic) => new(Source, Syntax, Policy, ByPosition(Diagnostics.Append(diagnostic)));

    /// <summary>Parses and binds text held in memory.</summary>
    public static SemanticModel Create(string path, string text) => Create(new SourceText(path, text));

    private static ImmutableArray<Diagnostic> ByPosition(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Span.Start)
        .ThenBy(d => d.Code, StringComparer.Ordinal)
        .ToImmutableArray();
}
