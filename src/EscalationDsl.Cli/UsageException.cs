namespace EscalationDsl.Cli;

/// <summary>A mistake in how a command was called (missing file, bad option value); exits with code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
