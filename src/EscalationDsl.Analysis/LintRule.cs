using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis;

/// <summary>
/// Base of every lint rule. A rule is a sealed class in <c>Rules/</c> with a public parameterless
/// constructor; <see cref="LintRuleCatalog"/> finds it by reflection. <see cref="Analyze"/> is pure:
/// it reads the bound policy (and its syntax, for comments and spans) and yields findings at the
/// rule's default level; configuration and suppressions are applied afterwards by <see cref="Linter"/>.
/// </summary>
public abstract class LintRule
{
    /// <summary>Declares a rule.</summary>
    /// <param name="code">Stable code <c>ESLnnn</c>; never reused.</param>
    /// <param name="name">Kebab-case name, accepted wherever the code is (configuration, suppressions).</param>
    /// <param name="defaultLevel">The level of its findings unless configured otherwise.</param>
    /// <param name="description">One sentence: what the rule finds.</param>
    protected LintRule(string code, string name, DiagnosticLevel defaultLevel, string description)
    {
        Code = code;
        Name = name;
        DefaultLevel = defaultLevel;
        Description = description;
    }

    /// <summary>The stable code, for example <c>ESL004</c>.</summary>
    public string Code { get; }

    /// <summary>The kebab-case name, for example <c>ambiguous-rules</c>.</summary>
    public string Name { get; }

    /// <summary>The level of the rule's findings when configuration does not change it.</summary>
    public DiagnosticLevel DefaultLevel { get; }

    /// <summary>One sentence describing what the rule finds.</summary>
    public string Description { get; }

    /// <summary>The rule's documentation page, relative to the repository root.</summary>
    public string HelpLink => $"docs/rules/{Code}.md";

    /// <summary>Finds the rule's problems in a policy that bound without errors.</summary>
    public abstract IEnumerable<Diagnostic> Analyze(SemanticModel model);

    /// <summary>A finding of this rule at its default level.</summary>
    protected Diagnostic Report(TextSpan span, string message) => new(Code, DefaultLevel, message, span, HelpLink);
}
