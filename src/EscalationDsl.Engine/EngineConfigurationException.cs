namespace EscalationDsl.Engine;

/// <summary>Configuration the engine cannot start with; the message names the setting and says what is wrong.</summary>
/// <param name="message">The setting (or file) and what is wrong with it.</param>
/// <param name="setting">The setting the message starts with (<c>Engine:...</c>), when it names one.</param>
public sealed class EngineConfigurationException(string message, string? setting = null) : Exception(message)
{
    /// <summary>The setting the message starts with, when it names one: the file it came from is looked up by it.</summary>
    public string? Setting { get; } = setting;

    /// <summary>Every problem found, when one check finds several (the sinks'); else this one alone.</summary>
    public IReadOnlyList<EngineConfigurationException> All { get; private init; } = [];

    /// <summary>Several problems at once, one a line; one alone is itself.</summary>
    public static EngineConfigurationException Of(IReadOnlyList<EngineConfigurationException> problems) =>
        problems.Count == 1 ? problems[0] : new(string.Join('\n', problems.Select(p => p.Message)), problems[0].Setting) { All = problems };

    /// <summary>A problem with a setting: <c>SETTING: WHAT</c>.</summary>
    public static EngineConfigurationException For(string setting, string what) => new($"{setting}: {what}", setting);
}
