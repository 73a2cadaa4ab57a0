namespace EscalationDsl.Cli;

/// <summary>
/// A mistake in how a command was called (missing file, bad option value); exits with code 2. Several mistakes found
/// together (a lint configuration's bad entries) are one exception, each on its own line.
/// </summary>
public sealed class UsageException(string message, IReadOnlyList<string>? more = null) : Exception(message)
{
    /// <summary>Every mistake: the message, then any found with it.</summary>
    public IReadOnlyList<string> Messages { get; } = [message, .. more ?? []];
}
