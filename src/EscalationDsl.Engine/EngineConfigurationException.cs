namespace EscalationDsl.Engine;

/// <summary>Configuration the engine cannot start with; the message names the setting and says what is wrong.</summary>
/// <param name="message">The setting (or file) and what is wrong with it.</param>
/// <param name="setting">The setting the message starts with (<c>Engine:...</c>); by default read from the message.</param>
public sealed class EngineConfigurationException(string message, string? setting = null) : Exception(message)
{
    /// <summary>The setting the message starts with, when it names one: the file it came from is looked up by it.</summary>
    public string? Setting { get; } = setting ?? SettingOf(message);

    /// <summary><c>Engine:Database</c> in <c>Engine:Database: cannot use ...</c>, or null.</summary>
    private static string? SettingOf(string message) =>
        message.StartsWith("Engine:", StringComparison.Ordinal) && message.IndexOf(": ", StringComparison.Ordinal) is > 0 and var end ? message[..end] : null;
}
