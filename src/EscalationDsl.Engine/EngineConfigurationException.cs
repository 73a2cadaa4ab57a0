namespace EscalationDsl.Engine;

/// <summary>Configuration the engine cannot start with; the message names the setting and says what is wrong.</summary>
public sealed class EngineConfigurationException(string message) : Exception(message);
