namespace EscalationDsl.Simulation.Mapping;

/// <summary>A mapping file that cannot be used: the message names the file, the key and the fix. The command exits with 2.</summary>
public sealed class MappingException(string message) : Exception(message);
