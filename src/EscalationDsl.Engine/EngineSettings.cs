using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using EscalationDsl.Engine.Api;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Decisions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace EscalationDsl.Engine;

/// <summary>
/// Reads the <c>Engine</c> section of configuration into <see cref="EngineOptions"/> and checks every
/// setting before anything starts: names that are not settings (with the closest one that is), values
/// of the wrong type, and values the engine cannot use. This is the one place settings are checked;
/// the first problem throws an <see cref="EngineConfigurationException"/> whose message starts with
/// the setting (docs/engine.md, "Configuration").
/// </summary>
public static class EngineSettings
{
    /// <summary>The top-level settings as spelled in configuration (<c>Engine:NAME</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = Settable(typeof(EngineOptions)).Select(p => p.Name).ToList();

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="EngineConfigurationException">A setting is unknown, malformed or unusable.</exception>
    public static EngineOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(EngineOptions.Section);
        try
        {
            CheckNames(configuration);
            CheckKestrel(configuration);
            LoggingSettings.Check(configuration);
            var options = new EngineOptions();
            section.Bind(options);
            Check(options, section, configuration);
            return options;
        }
        catch (EngineConfigurationException e)
        {
            throw Located(configuration, e);
        }
    }

    /// <summary>
    /// The checks of <see cref="Read"/> that reading <c>Engine:Database</c> alone needs, as <c>esc backup</c> does:
    /// the sections, every setting's name and shape (a misspelt <c>Engine:Databse</c>, a list or group for
    /// <c>Database</c>), and a NUL in the database's path; located as <see cref="Read"/> locates its problems.
    /// </summary>
    /// <exception cref="EngineConfigurationException">A setting is unknown or malformed, or the database's path holds a NUL.</exception>
    public static void CheckDatabase(IConfiguration configuration)
    {
        try
        {
            CheckNames(configuration);
            if (configuration[$"{EngineOptions.Section}:{nameof(EngineOptions.Database)}"] is { } database)
            {
                NoNul("Engine:Database", database);
            }
        }
        catch (EngineConfigurationException e)
        {
            throw Located(configuration, e);
        }
    }

    private static void CheckNames(IConfiguration configuration)
    {
        CheckSections(configuration);
        CheckShape(configuration.GetSection(EngineOptions.Section), typeof(EngineOptions), configuration);
    }

    /// <summary>
    /// Kestrel reads endpoints from its own section of the same configuration, and they win over Engine:Listen
    /// and <c>--listen</c>, without the checks of <see cref="CheckListen"/>: a section of them is refused.
    /// </summary>
    private static void CheckKestrel(IConfiguration configuration)
    {
        const string Endpoints = "Kestrel:Endpoints";
        if (configuration.GetSection(Endpoints).Exists())
        {
            throw Problem(Endpoints, "the engine listens where Engine:Listen (or esc serve --listen) says, which is checked; remove the Kestrel endpoints and set Engine:Listen, such as http://127.0.0.1:8080 (docs/engine.md#configuration)");
        }
    }

    /// <summary>
    /// The problem with the settings file its setting's value came from in front (<c>FILE: Engine:...: ...</c>), or the
    /// environment variable (<c>environment variable ESC_Engine__Databse: Engine:Databse: ...</c>), or the problem itself
    /// when the value came from the command line: for the checks after <see cref="Read"/> too (the database, the key file).
    /// </summary>
    public static EngineConfigurationException Located(IConfiguration configuration, EngineConfigurationException problem) =>
        problem.All.Count > 1 ? EngineConfigurationException.Of(problem.All.Select(p => Located(configuration, p)).ToList())
        : problem.Setting is { } setting && problem.Message.StartsWith(setting, StringComparison.Ordinal) && SourceOrSection(configuration, setting) is { } source
            ? new EngineConfigurationException($"{source}: {problem.Message}", setting)
            : problem;

    /// <summary>
    /// Where a setting came from, or for one left out (a sink's missing Secret), where the section holding
    /// it did (<c>Engine:Sinks:0</c>), up to but not the engine's own section.
    /// </summary>
    private static string? SourceOrSection(IConfiguration configuration, string setting)
    {
        for (var at = setting; ; at = at[..at.LastIndexOf(':')])
        {
            if (Source(configuration, at) is { } source)
            {
                return source;
            }

            // The parent, while it is a section inside the engine's.
            if (at.LastIndexOf(':') is var end && (end < 0 || !at[..end].Contains(':', StringComparison.Ordinal)))
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Where a setting's value came from, as a message names it: the settings file's path, <c>environment variable
    /// ESC_Engine__Database</c>, or null for the command line or a default.
    /// </summary>
    internal static string? Source(IConfiguration configuration, string setting) =>
        SettingsFile(configuration, setting)
        ?? (configuration is IConfigurationRoot root && LastHolding(root, setting) is EnvironmentVariablesConfigurationProvider
            ? $"environment variable {EnvironmentVariable(setting)}"
            : null);

    /// <summary>
    /// The environment variable that set <paramref name="setting"/>: <c>ESC_Engine__Database</c>, or <c>Engine__Database</c>
    /// without the prefix (the host reads those too, below the prefixed ones).
    /// </summary>
    private static string EnvironmentVariable(string setting)
    {
        // Variables are read without regard to case, so the one that was set is looked for, not rebuilt from the key:
        // the one naming the setting itself first, then one under it (a section), prefixed before unprefixed.
        var variables = Environment.GetEnvironmentVariables().Keys.OfType<string>().Order(StringComparer.Ordinal).ToList();
        string? Find(string prefix, bool exact) => variables.Find(v =>
            v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && ConfigurationKey(v[prefix.Length..]) is var key
            && (exact ? key.Equals(setting, StringComparison.OrdinalIgnoreCase) : key.StartsWith(setting + ":", StringComparison.OrdinalIgnoreCase)));
        return Find(EnvironmentPrefix, exact: true) ?? Find(string.Empty, exact: true) ?? Find(EnvironmentPrefix, exact: false) ?? Find(string.Empty, exact: false)
            ?? EnvironmentPrefix + setting.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>The prefix of the environment variables the engine reads (<c>ESC_Engine__Database</c>).</summary>
    internal const string EnvironmentPrefix = "ESC_";

    /// <summary>
    /// The settings file a setting's value came from, as a file's own errors name it, or null when
    /// it came from elsewhere (or is a default). The last source that holds the setting, or settings
    /// under it, is the one whose value the configuration reads.
    /// </summary>
    internal static string? SettingsFile(IConfiguration configuration, string setting) =>
        configuration is IConfigurationRoot root
            && LastHolding(root, setting) is FileConfigurationProvider { Source: { FileProvider: { } files, Path: { } path } }
            ? files.GetFileInfo(path).PhysicalPath
            : null;

    /// <summary>The last source that holds the setting, or settings under it: the one whose value the configuration reads.</summary>
    private static IConfigurationProvider? LastHolding(IConfigurationRoot root, string setting) =>
        root.Providers.LastOrDefault(p => p.TryGet(setting, out _) || p.GetChildKeys([], setting).Any());

    /// <summary>
    /// A settings file whose section is misspelt (<c>"Engin": { ... }</c>) left every setting in it
    /// unread and the engine running on its defaults, sinks and keys left out: a top-level name in a
    /// settings file that is close to <c>Engine</c> is refused, and so is one of the engine's settings written without
    /// its section (<c>{ "Listen": ... }</c>); the same for environment variables (<c>ESC_Engin__Database</c>,
    /// <c>ESC_Database</c>). Other sections (<c>Logging</c>) are the host's.
    /// </summary>
    internal static void CheckSections(IConfiguration configuration)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        var engine = EngineOptions.Section;
        foreach (var name in root.Providers.OfType<FileConfigurationProvider>().SelectMany(p => p.GetChildKeys([], null)))
        {
            CheckSection(name, setting => $"{{ \"{engine}\": {{ \"{setting}\": ... }} }}");
        }

        if (root.Providers.OfType<EnvironmentVariablesConfigurationProvider>().Any())
        {
            foreach (var name in EnvironmentSections())
            {
                CheckSection(name, setting => $"{EnvironmentPrefix}{engine}__{setting}");
            }
        }
    }

    private static void CheckSection(string name, Func<string, string> written)
    {
        // Plain edit distance, not the suggestions' wider rules (a first word, an abbreviation): a section named
        // Engineer or ENG is someone else's, not a misspelt Engine.
        var engine = EngineOptions.Section;
        if (NameSuggester.Distance(name.ToLowerInvariant(), engine.ToLowerInvariant()) is > 0 and <= 2)
        {
            throw Problem(name, $"is not a setting; did you mean {engine}? The engine's settings go under {engine} (docs/engine.md#configuration)");
        }

        if (Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } setting)
        {
            throw Problem(name, $"is a setting of {engine}, and is not read here; write it under {engine}: {written(setting)} (docs/engine.md#configuration)");
        }
    }

    /// <summary>
    /// The top-level names the engine's own environment variables give the configuration: each <c>ESC_</c> variable's
    /// first part (<c>Engin</c> of <c>ESC_Engin__Database</c>). Unprefixed variables, which the host reads too, belong
    /// to the whole machine or container (<c>Database__ConnectionString</c> of another program): they are not checked.
    /// </summary>
    private static IEnumerable<string> EnvironmentSections()
    {
        foreach (var variable in Environment.GetEnvironmentVariables().Keys.OfType<string>())
        {
            if (variable.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var key = ConfigurationKey(variable[EnvironmentPrefix.Length..]);
                var colon = key.IndexOf(':', StringComparison.Ordinal);
                yield return colon < 0 ? key : key[..colon];
            }
        }
    }

    /// <summary>The configuration key an environment variable's name gives (<c>Engine__Database</c> is <c>Engine:Database</c>).</summary>
    private static string ConfigurationKey(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// A list written as one string in a settings file (<c>"Kinds": "page"</c>), as the file writes a list:
    /// <c>"Kinds": ["page"]</c>, an item for each comma-separated part.
    /// </summary>
    private static string JsonList(string key, string value) =>
        $"{JsonSerializer.Serialize(key)}: [{string.Join(", ", value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(v => JsonSerializer.Serialize(v)))}]";

    private static List<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();

    /// <summary>
    /// The configuration binder skips names it does not know and throws on values it cannot convert;
    /// both are found here first, so a typo is reported instead of silently ignored.
    /// </summary>
    private static void CheckShape(IConfigurationSection section, Type type, IConfiguration configuration)
    {
        var children = section.GetChildren().ToList();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            // An empty value is a list without items: appsettings.json's "Sinks": [] arrives so.
            if (section.Value is { Length: > 0 } value)
            {
                throw Problem(section.Path, SettingsFile(configuration, section.Path) is null
                    ? $"is a list; give its items as {section.Path}:0, {section.Path}:1, ..."
                    : $"is a list; write it in brackets: {JsonList(section.Key, value)}");
            }

            foreach (var child in children)
            {
                if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    // One item written without its list ("Sinks": { "Name": ... }) reads as items named Name, Type, ...
                    var item = type.GetGenericArguments()[0];
                    if (item != typeof(string) && Settable(item).Exists(p => p.Name.Equals(child.Key, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw Problem(section.Path, SettingsFile(configuration, section.Path) is null
                            ? $"is a list; give the settings of its first item as {section.Path}:0:{child.Key}, of the next as {section.Path}:1:..."
                            : $"is a list; write its items in brackets, even one: \"{section.Key}\": [ {{ \"{child.Key}\": ... }} ]");
                    }

                    throw Problem(child.Path, $"'{child.Key}' is not an item number; number the items of {section.Path} from 0");
                }

                CheckShape(child, type.GetGenericArguments()[0], configuration);
            }
        }
        else if (type != typeof(string) && type.IsClass)
        {
            if (section.Value is not null)
            {
                throw Problem(section.Path, $"is a group of settings; set them as {section.Path}:NAME=VALUE");
            }

            var properties = Settable(type);
            foreach (var child in children)
            {
                var property = properties.Find(p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase))
                    ?? throw Problem(child.Path, $"is not a setting; {Suggest(child.Key, section.Path, properties.Select(p => p.Name).ToList())}");
                CheckShape(child, property.PropertyType, configuration);
            }
        }
        else if (children.Count > 0)
        {
            throw Problem(children[0].Path, $"is not a setting; {section.Path} takes a single value");
        }
        else if (section.Value is { } value && Expected(type, value) is { } expected)
        {
            throw Problem(section.Path, value.Length == 0 ? $"is empty; give {expected}, or leave the setting out for its default" : $"'{value}' is not {expected}");
        }
    }

    /// <summary>What a value of the type looks like, or null when <paramref name="value"/> is one.</summary>
    private static string? Expected(Type type, string value)
    {
        var invariant = CultureInfo.InvariantCulture;
        return type == typeof(string) ? null
            : type == typeof(bool) ? (bool.TryParse(value, out _) ? null : "true or false")
            : type == typeof(int) ? (int.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : "a whole number")
            : type == typeof(long) ? (long.TryParse(value, NumberStyles.Integer, invariant, out _) ? null : "a whole number")
            : type == typeof(TimeSpan) ? (TimeSpan.TryParse(value, invariant, out _) ? null : "a duration such as 00:05:00 (hh:mm:ss, or d.hh:mm:ss with days)")
            : throw new InvalidOperationException($"EngineSettings cannot check settings of type {type}");
    }

    private static string Suggest(string name, string parent, List<string> names)
    {
        var closest = NameSuggester.Closest(name.ToLowerInvariant(), names.Select(n => n.ToLowerInvariant()), max: 1);
        return closest.Count > 0
            ? $"did you mean {parent}:{names.Find(n => n.Equals(closest[0], StringComparison.OrdinalIgnoreCase))}?"
            : $"the settings of {parent} are {string.Join(", ", names)} (docs/engine.md#configuration)";
    }

    /// <summary>The values the binder accepted but the engine cannot use.</summary>
    private static void Check(EngineOptions options, IConfigurationSection section, IConfiguration configuration)
    {
        options.Listen = CheckListen(options.Listen);
        CheckFile("Engine:Database", options.Database);
        if (options.Synchronous.ToUpperInvariant() is not ("FULL" or "NORMAL" or "EXTRA"))
        {
            throw Problem("Engine:Synchronous", $"'{options.Synchronous}' must be FULL, NORMAL or EXTRA");
        }

        if (string.IsNullOrWhiteSpace(options.Policies))
        {
            throw Problem("Engine:Policies", "is empty; name the folder that holds the .esc files");
        }

        NoNul("Engine:Policies", options.Policies);
        if (File.Exists(options.Policies))
        {
            throw Problem("Engine:Policies", $"{Path.GetFullPath(options.Policies)} is a file; name the folder that holds the .esc files");
        }

        if (!Directory.Exists(options.Policies))
        {
            throw Problem("Engine:Policies", $"the policy folder {Path.GetFullPath(options.Policies)} does not exist");
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (ApiKeys.Problem(options.ApiKeys[i]) is { } problem)
            {
                throw Problem(Item(section.GetSection("ApiKeys"), i), problem);
            }
        }

        // The key file is read or made only when no keys are configured: otherwise it is no file of the engine's.
        if (options.ApiKeys.Count == 0)
        {
            CheckFile("Engine:ApiKeyFile", options.ApiKeyFile);
            if (DatabaseFiles(options).TryGetValue(Path.GetFullPath(options.ApiKeyFile), out var databaseFile))
            {
                throw Problem("Engine:ApiKeyFile", $"{Path.GetFullPath(options.ApiKeyFile)} is {databaseFile}; keep the key in a file of its own");
            }
        }

        AtLeast("Engine:MaxRequestBytes", options.MaxRequestBytes, 1024);
        AtLeast("Engine:MaxBatchEvents", options.MaxBatchEvents, 1);
        Positive("Engine:FutureTolerance", options.FutureTolerance, zeroAllowed: true);
        Positive("Engine:PastTolerance", options.PastTolerance, zeroAllowed: true);
        Positive("Engine:ReadyLagThreshold", options.ReadyLagThreshold);
        Positive("Engine:ReloadQuietPeriod", options.ReloadQuietPeriod);
        if (options.ReloadQuietPeriod > MaxReloadQuietPeriod)
        {
            throw Problem("Engine:ReloadQuietPeriod", $"must be at most {English.Duration(MaxReloadQuietPeriod)}, not {English.Duration(options.ReloadQuietPeriod)}: a policy change waits that long before it is read");
        }

        CheckSinks(options, section.GetSection("Sinks"), configuration);
        Positive("Engine:Delivery:Timeout", options.Delivery.Timeout);
        if (options.Delivery.Timeout > MaxDeliveryTimeout)
        {
            throw Problem("Engine:Delivery:Timeout", $"must be at most {English.Duration(MaxDeliveryTimeout)}, not {English.Duration(options.Delivery.Timeout)}: a sink that has not answered in an hour is down, and its deliveries wait behind it");
        }
        AtLeast("Engine:Delivery:MaxAttempts", options.Delivery.MaxAttempts, 1);
        Positive("Engine:Delivery:Backoff", options.Delivery.Backoff);
        if (options.Delivery.MaxBackoff < options.Delivery.Backoff)
        {
            throw Problem("Engine:Delivery:MaxBackoff", $"{English.Duration(options.Delivery.MaxBackoff)} is shorter than Engine:Delivery:Backoff ({English.Duration(options.Delivery.Backoff)})");
        }
    }

    /// <summary>Whether an address names its port: the part between <c>://</c> and the path ends in <c>:PORT</c> (after any IPv6 brackets).</summary>
    private static bool HasPort(string url) => PortText(url) is { Length: > 0 };

    /// <summary>
    /// What an address gives as its port: the text after the last colon of the part between <c>://</c>
    /// and the path (after any IPv6 brackets), or null when there is no such colon.
    /// </summary>
    private static string? PortText(string url)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = authority.IndexOf('/');
        authority = slash < 0 ? authority : authority[..slash];
        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') ? authority[(colon + 1)..] : null;
    }

    /// <summary>
    /// Kestrel takes any URL and fails only when it starts (or, for a host name other than localhost,
    /// quietly listens on every interface), so each address is checked here. Returns the addresses
    /// as checked, without the spaces around them, which Kestrel does not take.
    /// </summary>
    private static string CheckListen(string listen)
    {
        const string Setting = "Engine:Listen";
        const string Example = "write http://ADDRESS:PORT, such as http://127.0.0.1:8080 (port 0 picks a free port)";
        if (string.IsNullOrWhiteSpace(listen))
        {
            throw Problem(Setting, $"is empty; {Example}");
        }

        var urls = listen.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var url in urls)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                throw Problem(Setting, $"'{url}' is not an address to listen on; {Example}{WithScheme(url)}");
            }

            if (address.Scheme == "https")
            {
                throw Problem(Setting, $"'{url}': the engine serves plain HTTP; put TLS in front of it (a reverse proxy) and listen on http://");
            }

            if (!address.IsUnixPipe && PortText(url) is { } port && !port.All(char.IsAsciiDigit))
            {
                throw Problem(Setting, $"'{url}': '{port}' is not a port number (0 to 65535); {Example}");
            }

            if (address.Scheme != "http" || address.Port is < 0 or > 65535 || address.PathBase.Length > 0)
            {
                throw Problem(Setting, $"'{url}' is not an address to listen on; {Example}{WithScheme(url)}");
            }

            if (!address.IsUnixPipe && !HasPort(url))
            {
                // Kestrel takes the scheme's port, 80, which needs privileges and is rarely meant.
                throw Problem(Setting, $"'{url}' has no port (it would listen on port 80); {Example}");
            }

            if (!address.IsUnixPipe && address.Host is not ("localhost" or "*" or "+") && !IsIPAddress(address.Host))
            {
                throw Problem(Setting, $"'{url}': '{address.Host}' is not an IP address; listen on an address (127.0.0.1, [::1], 0.0.0.0), localhost, or * for every interface");
            }

            if (!address.IsUnixPipe && address.Host == "localhost" && address.Port == 0)
            {
                // Kestrel listens on localhost's two addresses, and cannot give both one free port.
                throw Problem(Setting, $"'{url}': port 0 (a free port) cannot be picked for localhost, which is two addresses; write http://127.0.0.1:0 (or http://[::1]:0)");
            }
        }

        return string.Join(';', urls);
    }

    /// <summary>
    /// "; did you mean http://127.0.0.1:8093?" for an address written without its scheme (<c>127.0.0.1:8093</c>,
    /// <c>localhost:8080</c>) or a port alone (<c>8093</c>, on the loopback address, the default's), or nothing.
    /// </summary>
    private static string WithScheme(string url)
    {
        var meant = url.All(char.IsAsciiDigit) ? $"http://127.0.0.1:{url}" : $"http://{url}";
        if (url.Contains("://", StringComparison.Ordinal) || PortText(meant) is not { Length: > 0 } port || !port.All(char.IsAsciiDigit))
        {
            return string.Empty;
        }

        try
        {
            var address = BindingAddress.Parse(meant);
            return address.Port is >= 0 and <= 65535 && address.PathBase.Length == 0 && (address.Host is "localhost" or "*" || IsIPAddress(address.Host))
                ? $"; did you mean {meant}?"
                : string.Empty;
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// "; did you mean http://127.0.0.1:9911/hook?" for a webhook URL written without its scheme (the
    /// address as <see cref="WithScheme"/> takes it, then the path), or nothing.
    /// </summary>
    private static string UrlWithScheme(string url)
    {
        var slash = url.IndexOf('/', StringComparison.Ordinal);
        var (address, path) = slash < 0 ? (url, "") : (url[..slash], url[slash..]);
        return address.Length == 0 || address.All(char.IsAsciiDigit) || WithScheme(address).Length == 0 ? "" : $"; did you mean http://{address}{path}?";
    }

    /// <summary>
    /// An IPv4 address, or an IPv6 address in brackets. A bracket without its partner ('[::1')
    /// is not one: Kestrel would take it for a host name and listen on every interface.
    /// </summary>
    private static bool IsIPAddress(string host)
    {
        var bracketed = host.Length > 2 && host[0] == '[' && host[^1] == ']';
        var inner = bracketed ? host[1..^1] : host;
        return !inner.Contains('[') && !inner.Contains(']') && IPAddress.TryParse(inner, out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6) == bracketed;
    }

    /// <summary>A file the engine creates if need be: its folder must exist.</summary>
    private static void CheckFile(string setting, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Problem(setting, "is empty; give a file path");
        }

        NoNul(setting, path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw Problem(setting, $"{full} is a folder; give a file path");
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            // A path under a regular file (/srv/esc.db/x.db) named a folder that "does not exist".
            throw File.Exists(folder)
                ? Problem(setting, $"{folder} is a file, not a folder; give a file path in a folder")
                : Problem(setting, $"the folder {folder} does not exist (the file is created, its folder is not)");
        }
    }

    /// <summary>A path with a NUL character (JSON settings can hold <c>\u0000</c>) names no file, and the file API throws on it.</summary>
    private static void NoNul(string setting, string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw Problem(setting, "holds a NUL character (\\u0000), which no file name can hold");
        }
    }

    /// <summary>The files the database consists of, by the full path each ends at (through links), each with what it is.</summary>
    private static Dictionary<string, string> DatabaseFiles(EngineOptions options)
    {
        var files = Storage.DatabaseFiles.Of(Files.LinkedPath.Final(options.Database, Environment.CurrentDirectory));
        var named = files.ToDictionary(f => f.Path, f => f.What, StringComparer.Ordinal);
        named[files[0].Path] += " (Engine:Database)";
        return named;
    }

    private static void CheckSinks(EngineOptions options, IConfigurationSection configured, IConfiguration configuration)
    {
        var sinks = options.Sinks;

        // A file sink appends lines: into the engine's own files, it would damage them.
        var engineFiles = DatabaseFiles(options);
        if (options.ApiKeys.Count == 0)
        {
            engineFiles[Files.LinkedPath.Final(options.ApiKeyFile, Environment.CurrentDirectory)] = "the API key file (Engine:ApiKeyFile)";
        }

        // Decisions appended to a settings file broke the next start; appended to a policy, they got it refused.
        foreach (var settings in SettingsFilesRead(configuration))
        {
            engineFiles.TryAdd(Files.LinkedPath.Final(settings, Environment.CurrentDirectory), $"a settings file of the engine ({Path.GetFileName(settings)})");
        }

        var policies = Files.LinkedPath.Final(options.Policies, Environment.CurrentDirectory);
        var sinkFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase); // by the name trimmed, to the name as written
        var kinds = Enum.GetValues<DecisionKind>().Select(DecisionKinds.Name).ToList();
        var items = configured.GetChildren().ToList(); // as the binder read them (see Item)
        // Every sink's problems at once: one a start, a sink list with several slips took as many starts.
        var problems = new List<EngineConfigurationException>();
        for (var i = 0; i < sinks.Count; i++)
        {
            try
            {
                CheckSink(sinks[i], items[i], engineFiles, policies, sinkFiles, names, kinds, problems);
            }
            catch (EngineConfigurationException e)
            {
                problems.Add(e);
            }
        }

        if (problems.Count > 0)
        {
            throw EngineConfigurationException.Of(problems);
        }
    }

    /// <summary>The settings files the engine reads (appsettings.json and the environment's, there or not, and any other the configuration holds), as full paths.</summary>
    private static IEnumerable<string> SettingsFilesRead(IConfiguration configuration)
    {
        var files = EngineHost.SettingsFiles(Directory.GetCurrentDirectory()).ToList();
        if (configuration is IConfigurationRoot root)
        {
            files.AddRange(root.Providers.OfType<FileConfigurationProvider>()
                .Select(p => p.Source is { FileProvider: { } provider, Path: { } path } ? provider.GetFileInfo(path).PhysicalPath : null)
                .OfType<string>());
        }

        return files;
    }

    /// <summary>What <paramref name="file"/> is to the engine when it is below the policy folder and read from there (a policy, the lint settings), or null.</summary>
    private static string? PolicyFolderFile(string file, string policies)
    {
        var folder = Path.TrimEndingDirectorySeparator(policies) + Path.DirectorySeparatorChar;
        return !file.StartsWith(folder, StringComparison.Ordinal) ? null
            : Path.GetExtension(file).Equals(PolicyFiles.Extension, StringComparison.OrdinalIgnoreCase) ? "a policy file"
            : Path.GetFileName(file) == PolicyFiles.LintSettings ? "the lint settings file"
            : null;
    }

    /// <summary>Checks one sink: its first problem is thrown, except bad kinds, which are all added to <paramref name="problems"/>.</summary>
    private static void CheckSink(SinkOptions s, IConfigurationSection item, Dictionary<string, string> engineFiles, string policies, Dictionary<string, string> sinkFiles, Dictionary<string, string> names, List<string> kinds, List<EngineConfigurationException> problems)
    {
        // Unknown kinds first: they are added, not thrown, so they show with the sink's first other problem.
        for (var k = 0; k < s.Kinds.Count; k++)
        {
            if (!kinds.Contains(s.Kinds[k]))
            {
                var closest = NameSuggester.Closest(s.Kinds[k], kinds, max: 1);
                problems.Add(Problem(Item(item.GetSection("Kinds"), k), $"'{s.Kinds[k]}' is not a decision kind; " +
                    (closest.Count > 0 ? $"did you mean '{closest[0]}'?" : $"the kinds are {string.Join(", ", kinds)}")));
            }
        }

        var at = item.Path;
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            throw Problem($"{at}:Name", "every sink needs a unique name");
        }

        // The name is written in logs, metrics and the delivery API, where two names alike were told apart by no one.
        if (s.Name.Any(char.IsControl))
        {
            throw Problem($"{at}:Name", $"'{s.Name}' holds a control character; give the sink a name of printable characters");
        }

        if (!names.TryAdd(s.Name.Trim(), s.Name))
        {
            throw Problem($"{at}:Name", $"every sink needs a unique name: '{s.Name}' is the name of sink '{names[s.Name.Trim()]}' but for letter case or spaces around it");
        }

        switch (s.Type)
        {
            case "webhook":
                if (!Uri.TryCreate(s.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    throw Problem($"{at}:Url", $"a webhook sink needs an absolute http(s) URL{(s.Url is null ? "" : UrlWithScheme(s.Url))}");
                }

                if (string.IsNullOrEmpty(s.Secret))
                {
                    throw Problem($"{at}:Secret", $"webhook sink '{s.Name}' needs a signing secret, the key its receiver checks signatures with");
                }

                if (string.IsNullOrWhiteSpace(s.Secret))
                {
                    throw Problem($"{at}:Secret", "is only spaces; give the signing secret the receiver checks signatures with");
                }

                NotFor(s.Path, $"{at}:Path", "a webhook sink posts to its Url; Path is for file sinks");
                break;
            case "file":
                CheckFile($"{at}:Path", s.Path ?? string.Empty);
                // Through links: a sink appending to a link to the database damaged it, and its decisions were lost.
                var given = Path.GetFullPath(s.Path!);
                var file = Files.LinkedPath.Final(s.Path!, Environment.CurrentDirectory);
                var named = file == given ? file : $"{given} (a link to {file})";
                if (engineFiles.TryGetValue(file, out var what))
                {
                    throw Problem($"{at}:Path", $"{named} is {what}; give the sink a file of its own");
                }

                if (PolicyFolderFile(file, policies) is { } read)
                {
                    throw Problem($"{at}:Path", $"{named} is {read} in the policy folder (Engine:Policies), which the engine reads; give the sink a file outside it, or with another name");
                }

                if (!sinkFiles.TryAdd(file, s.Name))
                {
                    throw Problem($"{at}:Path", $"{named} is the file of sink '{sinkFiles[file]}' too; give each sink a file of its own");
                }

                NotFor(s.Url, $"{at}:Url", "a file sink appends to its Path; Url is for webhook sinks");
                NotFor(s.Secret, $"{at}:Secret", "a file sink signs nothing; Secret is for webhook sinks");

                // Found at start, not at every delivery of the first decision (and its retries).
                if (Files.FileFailure.WhyNotWritable(file, "the sink") is { } why)
                {
                    throw Problem($"{at}:Path", $"cannot write {named}: {why}");
                }

                break;
            default:
                // The binder leaves a Type never configured empty: it was "'' is not a sink type".
                throw item.GetSection("Type").Value switch
                {
                    null => Problem($"{at}:Type", "is missing; write file or webhook"),
                    "" => Problem($"{at}:Type", "is empty; write file or webhook"),
                    _ => Problem($"{at}:Type", $"'{s.Type}' is not a sink type (webhook, file){TypeHint(s.Type!)}"),
                };
        }

        for (var o = 0; o < s.Owners.Count; o++)
        {
            if (string.IsNullOrWhiteSpace(s.Owners[o]))
            {
                // Matched no ticket's owner: the sink silently got nothing for it.
                throw Problem(Item(item.GetSection("Owners"), o), "is empty; name an owner the policies declare, or * for every owner");
            }
        }

    }

    /// <summary>
    /// What a sink Type that is none probably is: the type in its letter case, the type one slip off
    /// (<c>webhooks</c>, <c>fil</c>), and the spaces around a value, which the binder keeps.
    /// </summary>
    private static string TypeHint(string type)
    {
        string[] types = ["webhook", "file"];
        var trimmed = type.Trim();
        var spaces = trimmed.Length == type.Length ? "" : types.Contains(trimmed) ? $"; write {trimmed} without the spaces around it" : "; the value has spaces around it";
        if (types.Contains(trimmed))
        {
            return spaces;
        }

        var near = NameSuggester.OtherCase(trimmed, types) is { } lower ? $"; did you mean {lower}? Types are lower case"
            : NameSuggester.Closest(trimmed, types, max: 1) is [var closest] ? $"; did you mean {closest}?"
            : "";
        return near + spaces;
    }

    /// <summary>A setting the sink's type does not use: refused rather than ignored, since it shows a mix-up.</summary>
    private static void NotFor(string? value, string setting, string why)
    {
        if (value is not null)
        {
            throw Problem(setting, why);
        }
    }

    /// <summary>
    /// The configured name of a list's item <paramref name="index"/>: the binder numbers the items it
    /// finds from 0, so items configured as Sinks:0 and Sinks:2 are bound as items 0 and 1.
    /// </summary>
    private static string Item(IConfigurationSection list, int index) => list.GetChildren().ElementAt(index).Path;

    private static void AtLeast(string setting, long value, long minimum)
    {
        if (value < minimum)
        {
            throw Problem(setting, $"must be at least {minimum}, not {value}");
        }
    }

    private static readonly TimeSpan MaxDeliveryTimeout = TimeSpan.FromHours(1);

    /// <summary>Beyond about 49 days the watcher's timer could not wait at all; an hour is already long for a reload.</summary>
    private static readonly TimeSpan MaxReloadQuietPeriod = TimeSpan.FromHours(1);

    private static void Positive(string setting, TimeSpan value, bool zeroAllowed = false)
    {
        if (value < TimeSpan.Zero || value == TimeSpan.Zero && !zeroAllowed)
        {
            throw Problem(setting, $"must be {(zeroAllowed ? "zero or more" : "longer than zero")}, not {English.Duration(value)}");
        }
    }

    private static EngineConfigurationException Problem(string setting, string what) => EngineConfigurationException.For(setting, what);
}
