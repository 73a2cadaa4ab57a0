namespace EscalationDsl.Analysis.Configuration;

/// <summary>A <c>.esclint.json</c> that cannot be used; the message says why (the caller adds the path).</summary>
public sealed class LintConfigurationException(string message) : Exception(message);
