namespace EscalationDsl.Simulation.Sources;

/// <summary>A problem that makes the whole input unusable (unreadable file, missing column, bad mapping); the command exits with 2.</summary>
public sealed class SourceException(string message) : Exception(message);
