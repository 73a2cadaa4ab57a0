using System.Globalization;
using System.Reflection;
using EscalationDsl.Language.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EscalationDsl.Engine;

/// <summary>
/// Checks the host's <c>Logging</c> section before anything starts, as <see cref="EngineSettings"/> checks the
/// engine's: the logging framework throws on a value it cannot use when the first logger is made, or at the
/// first log line (a bad timestamp format), and <c>esc serve</c> ended in an internal error. Levels are checked
/// where the framework reads them (<c>Logging:LogLevel:*</c>, <c>Logging:PROVIDER:LogLevel:*</c>), and every
/// value under <c>Logging:Console</c> is bound as the console logger binds it, one at a time, so a problem
/// names its setting; <c>Logging:Console:FormatterName</c>, which the logger takes for simple when it has
/// no such formatter, must name one it has.
/// </summary>
internal static class LoggingSettings
{
    private const string Section = "Logging";

    private static readonly List<string> Levels = Enum.GetNames<LogLevel>().ToList();

    private static readonly List<string> Formatters = [ConsoleFormatterNames.Json, ConsoleFormatterNames.Simple, ConsoleFormatterNames.Systemd];

    /// <exception cref="EngineConfigurationException">A logging setting the framework would throw on.</exception>
    public static void Check(IConfiguration configuration)
    {
        var logging = configuration.GetSection(Section);
        foreach (var child in logging.GetChildren())
        {
            var levels = child.Key.Equals("LogLevel", StringComparison.OrdinalIgnoreCase) ? child : child.GetSection("LogLevel");
            foreach (var level in levels.GetChildren())
            {
                CheckLevel(level);
            }
        }

        var console = logging.GetSection("Console");
        foreach (var (key, value) in console.AsEnumerable(makePathsRelative: true))
        {
            if (value is null || key.StartsWith("LogLevel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var setting = $"{console.Path}:{key}";
            if (key.Equals(nameof(ConsoleLoggerOptions.FormatterName), StringComparison.OrdinalIgnoreCase))
            {
                CheckFormatterName(setting, value);
            }
            else if (key.StartsWith("FormatterOptions:", StringComparison.OrdinalIgnoreCase))
            {
                // Each formatter binds the same section to its own options.
                var option = key["FormatterOptions:".Length..];
                Bind(setting, option, value, new JsonConsoleFormatterOptions());
                Bind(setting, option, value, new SimpleConsoleFormatterOptions());
                if (option.Equals(nameof(ConsoleFormatterOptions.TimestampFormat), StringComparison.OrdinalIgnoreCase))
                {
                    CheckTimestampFormat(setting, value);
                }
            }
            else
            {
                Bind(setting, key, value, new ConsoleLoggerOptions());
            }
        }
    }

    private static void CheckLevel(IConfigurationSection level)
    {
        // The framework skips an empty value, and takes a level's name in any case.
        if (string.IsNullOrEmpty(level.Value) || Enum.TryParse<LogLevel>(level.Value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return;
        }

        var closest = NameSuggester.Closest(level.Value.ToLowerInvariant(), Levels.Select(l => l.ToLowerInvariant()), max: 1);
        var hint = closest.Count > 0 ? $"; did you mean {Levels.Find(l => l.Equals(closest[0], StringComparison.OrdinalIgnoreCase))}?" : "";
        throw EngineConfigurationException.For(level.Path, $"'{level.Value}' is not a log level ({string.Join(", ", Levels)}){hint}");
    }

    /// <summary>
    /// A formatter the console logger does not have was taken for none: the output stayed simple, with
    /// nothing said. The framework's are json, simple and systemd, named in any case; empty is unset.
    /// </summary>
    private static void CheckFormatterName(string setting, string name)
    {
        if (name.Length == 0 || Formatters.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var closest = NameSuggester.Closest(name.ToLowerInvariant(), Formatters, max: 1);
        var hint = closest.Count > 0 ? $"; did you mean {closest[0]}?" : "";
        throw EngineConfigurationException.For(setting, $"'{name}' is not a console formatter ({string.Join(", ", Formatters)}){hint}");
    }

    /// <summary>Binds the one value to <paramref name="options"/> as the console logger does, refusing what the binder or the options refuse.</summary>
    private static void Bind(string setting, string key, string value, object options)
    {
        var one = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
        try
        {
            one.Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or TargetInvocationException)
        {
            throw EngineConfigurationException.For(setting, $"'{value}' cannot be used: {Reason(e, options, key)}");
        }
    }

    /// <summary>Why the value was refused: the values an enumeration takes, or what the options said.</summary>
    private static string Reason(Exception e, object options, string key)
    {
        var property = options.GetType().GetProperty(key.Split(':')[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.PropertyType is { IsEnum: true } type)
        {
            return $"give one of {string.Join(", ", Enum.GetNames(type))}";
        }

        var inner = e is TargetInvocationException { InnerException: { } cause } ? cause : e;
        if (inner is ArgumentException argument)
        {
            // Some options put their reason where the parameter's name goes ("value must be larger than zero.").
            var message = argument.ParamName is { } name ? argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : argument.Message;
            return (argument.ParamName is { } sentence && sentence.Contains(' ', StringComparison.Ordinal) ? sentence : message).TrimEnd('.');
        }

        return inner.Message.TrimEnd('.');
    }

    /// <summary>A timestamp format that is none broke the first log line (a FormatException), wherever it came.</summary>
    private static void CheckTimestampFormat(string setting, string format)
    {
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw EngineConfigurationException.For(setting, $"'{format}' is not a date and time format; write one such as HH:mm:ss or yyyy-MM-ddTHH:mm:ss.fffzzz");
        }
    }
}
