using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Configuration;

/// <summary>A <c>.esclint.json</c> that cannot be used; the message says why and <see cref="Position"/> where (the caller adds the path).</summary>
public sealed class LintConfigurationException(string message, LinePosition position) : Exception(message)
{
    /// <summary>Where in the file the mistake is, 1-based.</summary>
    public LinePosition Position { get; } = position;
}
