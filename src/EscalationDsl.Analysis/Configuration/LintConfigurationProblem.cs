using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Configuration;

/// <summary>One mistake in a <c>.esclint.json</c>: what is wrong, and where (1-based line and UTF-16 column).</summary>
public sealed record LintConfigurationProblem(string Message, LinePosition Position);
