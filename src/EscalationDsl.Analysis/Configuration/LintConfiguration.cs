using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

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
    /// <exception cref="LintConfigurationException">
    /// The text is not valid JSON, or names an unknown setting, rule or level; the exception says where, of every such
    /// mistake (reading goes on past a bad setting or rule, so that one run shows them all).
    /// </exception>
    public static LintConfiguration Parse(string json)
    {
        // A reader rather than JsonDocument, so that every mistake, not only a syntax error, has a position.
        var utf8 = Encoding.UTF8.GetBytes(json);
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        if (JsonErrorPosition.FirstHalfSurrogate(utf8, options) is { } broken)
        {
            throw At(json, utf8, broken, JsonErrorPosition.HalfSurrogate);
        }

        if (JsonErrorPosition.FirstDuplicateName(utf8, options) is { } twice)
        {
            throw At(json, utf8, twice.Offset, JsonErrorPosition.GivenTwice(twice.Name));
        }

        var reader = new Utf8JsonReader(utf8, options);
        var problems = new List<LintConfigurationProblem>();
        void Problem(long byteOffset, string message) => problems.Add(new(message, Position(json, utf8, (int)byteOffset)));
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw At(json, utf8, reader.TokenStartIndex, "the file must hold a JSON object such as { \"rules\": { \"ESL004\": \"off\" } }");
            }

            var builder = ImmutableDictionary.CreateBuilder<string, DiagnosticLevel?>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var setting = reader.GetString()!;
                if (setting != "rules")
                {
                    Problem(reader.TokenStartIndex, $"unknown setting '{setting}'; the only setting is \"rules\"");
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    Problem(reader.TokenStartIndex, "\"rules\" must be an object of rule codes or names to levels");
                    reader.Skip();
                    continue;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    ReadRule(ref reader, builder, Problem);
                }
            }

            // Anything after the object is a syntax error the reader reports.
            while (reader.Read())
            {
            }

            return problems.Count > 0 ? throw new LintConfigurationException(problems) : new LintConfiguration(builder.ToImmutable());
        }
        catch (JsonException e) when (reader.TokenType == JsonTokenType.None && e.Message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            // Only blanks and comments: the reader's own message speaks of "isFinalBlock".
            throw new LintConfigurationException("the file holds no JSON; write an object such as { \"rules\": { \"ESL004\": \"off\" } }", new LinePosition(1, 1));
        }
        catch (JsonException e)
        {
            // The mistakes before the one that stops the reader are reported with it.
            problems.Add(new($"not valid JSON: {JsonErrorPosition.Reason(e)}", JsonErrorPosition.Of(e, FileName, json)));
            throw new LintConfigurationException(problems);
        }
    }

    /// <summary>
    /// One entry of <c>"rules"</c>, the reader at its name: its level goes into <paramref name="builder"/>, or what is
    /// wrong with it to <paramref name="problem"/>; the reader is left at the entry's value either way.
    /// </summary>
    private static void ReadRule(ref Utf8JsonReader reader, ImmutableDictionary<string, DiagnosticLevel?>.Builder builder, Action<long, string> problem)
    {
        var name = reader.GetString()!;
        var at = reader.TokenStartIndex;
        var rule = LintRuleCatalog.Find(name);
        reader.Read();
        if (rule is null)
        {
            problem(at, UnknownRule(name));
        }
        else if (builder.ContainsKey(rule.Code))
        {
            problem(at, $"rule {rule.Code} ({rule.Name}) is configured twice");
        }
        else if (reader.TokenType != JsonTokenType.String || ParseLevel(reader.GetString()!) is not { } level)
        {
            problem(reader.TokenStartIndex, $"rule '{name}' has the level {Shown(ref reader)}; use \"off\", \"info\", \"warning\" or \"error\"");
        }
        else
        {
            builder[rule.Code] = level.Level;
        }

        reader.Skip();
    }

    private static LintConfigurationException At(string json, byte[] utf8, long byteOffset, string message) =>
        new(message, Position(json, utf8, (int)byteOffset));

    /// <summary>A level value as written: a string in quotes, a number or literal as is.</summary>
    private static string Shown(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.StartObject => "{ ... }",
        JsonTokenType.StartArray => "[ ... ]",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    /// <summary>The 1-based line and UTF-16 column of a byte offset, as esc reports positions everywhere.</summary>
    private static LinePosition Position(string json, byte[] utf8, int byteOffset) => JsonErrorPosition.AtByte(FileName, json, utf8, byteOffset);

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
