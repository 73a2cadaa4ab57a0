using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Configuration;

/// <summary>
/// A <c>.esclint.json</c> that cannot be used; the message says why and <see cref="Position"/> where (the caller adds the
/// path), of the first mistake; <see cref="Problems"/> holds every mistake found, in the file's order.
/// </summary>
public sealed class LintConfigurationException : Exception
{
    /// <summary>One mistake.</summary>
    public LintConfigurationException(string message, LinePosition position)
        : this([new LintConfigurationProblem(message, position)])
    {
    }

    /// <summary>Several mistakes, the first one first (at least one).</summary>
    public LintConfigurationException(IReadOnlyList<LintConfigurationProblem> problems)
        : base(problems[0].Message)
    {
        Problems = [.. problems];
    }

    /// <summary>Where in the file the first mistake is, 1-based.</summary>
    public LinePosition Position => Problems[0].Position;

    /// <summary>Every mistake found, in the order of the file.</summary>
    public ImmutableArray<LintConfigurationProblem> Problems { get; }
}
