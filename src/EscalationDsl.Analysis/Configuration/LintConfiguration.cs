using System.Collections.Immutable;
using System.Text.Json;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Analysis.Configuration;

/// <summary>
/// The settings of a <c>.esclint.json</c> file: a level (or off) per rule.
/// <code>{ "rules": { "ESL004": "off", "uncapped-repeat": "error" } }</code>
/// Keys are rule codes or kebab-case names; values are <c>off</c>, <c>info</c>, <c>warning</c> or <c>error</c>.
/// </summary>
public sealed class LintConfiguration
{
    /// <summary>The file name looked for, walking up from each policy's folder.</summary>
    public const string FileName = ".esclint.json";

    private readonly ImmutableDictionary<string, DiagnosticLevel?> levels;

    private LintConfiguration(ImmutableDictionary<string, DiagnosticLevel?> levels) => this.levels = levels;

    /// <summary>No settings: every rule at its default level.</summary>
    public static LintConfiguration Default { get; } = new(ImmutableDictionary<string, DiagnosticLevel?>.Empty);

    /// <summary>The configured levels by rule code; null means off.</summary>
    public ImmutableDictionary<string, DiagnosticLevel?> Levels => levels;

    /// <summary>True when the rule is turned off.</summary>
    public bool IsOff(LintRule rule) => levels.TryGetValue(rule.Code, out var level) && level is null;

    /// <summary>The level the rule's findings get: the configured one, else the rule's default.</summary>
    public DiagnosticLevel LevelOf(LintRule rule) =>
        levels.TryGetValue(rule.Code, out var level) && level is { } configured ? configured : rule.DefaultLevel;

    /// <summary>Reads the JSON text of a configuration file.</summary>
    /// <exception cref="LintConfigurationException">The text is not valid JSON, or names an unknown rule or level.</exception>
    public static LintConfiguration Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new LintConfigurationException($"not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new LintConfigurationException("the file must hold a JSON object such as { \"rules\": { \"ESL004\": \"off\" } }");
            }

            var builder = ImmutableDictionary.CreateBuilder<string, DiagnosticLevel?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "rules")
                {
                    throw new LintConfigurationException($"unknown setting '{property.Name}'; the only setting is \"rules\"");
                }

                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new LintConfigurationException("\"rules\" must be an object of rule codes or names to levels");
                }

                foreach (var setting in property.Value.EnumerateObject())
                {
                    var rule = LintRuleCatalog.Find(setting.Name) ?? throw new LintConfigurationException(UnknownRule(setting.Name));
                    if (setting.Value.ValueKind != JsonValueKind.String || ParseLevel(setting.Value.GetString()!) is not { } level)
                    {
                        throw new LintConfigurationException($"rule '{setting.Name}' has the level {setting.Value.GetRawText()}; use \"off\", \"info\", \"warning\" or \"error\"");
                    }

                    if (builder.ContainsKey(rule.Code))
                    {
                        throw new LintConfigurationException($"rule {rule.Code} ({rule.Name}) is configured twice");
                    }

                    builder[rule.Code] = level.Level;
                }
            }

            return new LintConfiguration(builder.ToImmutable());
        }
    }

    private static string UnknownRule(string name)
    {
        var closest = NameSuggester.Closest(name, LintRuleCatalog.All.SelectMany(r => new[] { r.Code, r.Name }), max: 1);
        return closest.Count > 0
            ? $"unknown rule '{name}'; did you mean '{closest[0]}'?"
            : $"unknown rule '{name}'; rules are ESL001 to {LintRuleCatalog.All[^1].Code} or their names (see docs/rules/README.md)";
    }

    private static (DiagnosticLevel? Level, bool Ok)? ParseLevel(string text) => text switch
    {
        "off" => (null, true),
        "info" => (DiagnosticLevel.Info, true),
        "warning" => (DiagnosticLevel.Warning, true),
        "error" => (DiagnosticLevel.Error, true),
        _ => null,
    };
}
