using System.CommandLine;
using System.CommandLine.Parsing;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli;

/// <summary>
/// Says what is wrong with a command line that does not fit the command tree, in esc's own words:
/// an unknown command, a planned one, an unknown option (with the closest real one), or whatever
/// else System.CommandLine found, prefixed with the command it concerns.
/// </summary>
internal static class CommandLineMistakes
{
    /// <summary>Commands named in docs/cli.md#planned-commands that do not exist yet.</summary>
    public static readonly IReadOnlyList<string> Planned = ["diff", "fmt", "test", "drill"];

    /// <summary>The lines to print on standard error, or an empty list when the command line is fine.</summary>
    public static IReadOnlyList<string> Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command is RootCommand root)
        {
            return DescribeRoot(parse, root);
        }

        var name = $"esc {command.Name}";
        var lines = new List<string>();
        if (command.TreatUnmatchedTokensAsErrors)
        {
            foreach (var option in UnknownOptions(parse))
            {
                lines.Add($"{name}: unknown option '{option}'{Suggestion(option, OptionNames(command))}");
            }

            // A word right after an unknown option is most likely its value (`--event FILE`): the
            // unknown option says all there is to say about it.
            // Counted, not a set: the same word may stand both as a value and as an unexpected argument.
            var values = ValuesOfUnknownOptions(parse, lines.Count > 0);
            foreach (var extra in parse.UnmatchedTokens.Where(t => !LooksLikeOption(t)))
            {
                if (values.TryGetValue(extra, out var hidden) && hidden > 0)
                {
                    values[extra] = hidden - 1;
                    continue;
                }

                lines.Add($"{name}: unexpected argument '{extra}'");
            }
        }

        if (lines.Count == 0)
        {
            lines.AddRange(parse.Errors.Select(e => $"{name}: {e.Message}"));
        }

        if (lines.Count > 0)
        {
            lines.Add($"Run '{name} --help' for usage.");
        }

        return lines;
    }

    private static IReadOnlyList<string> DescribeRoot(ParseResult parse, RootCommand root)
    {
        if (parse.Errors.Count == 0)
        {
            return [];
        }

        var commands = root.Subcommands.Select(c => c.Name).ToList();
        var list = $"Commands: {string.Join(", ", commands)}.";
        var first = parse.UnmatchedTokens.FirstOrDefault();
        if (first is null)
        {
            return [$"esc: no command given. {list} Run 'esc --help' for usage."];
        }

        if (LooksLikeOption(first))
        {
            return [$"esc: unknown option '{first}'{Suggestion(first, OptionNames(root))} {list}"];
        }

        if (Planned.Contains(first, StringComparer.Ordinal))
        {
            return [$"esc: '{first}' is a planned command and does not exist yet (docs/cli.md#planned-commands). {list}"];
        }

        return [$"esc: '{first}' is not a command{Suggestion(first, commands)} {list}"];
    }

    /// <summary>
    /// Tokens that look like options but are none of the command's: those left unmatched, and those a
    /// path argument swallowed (System.CommandLine takes an unknown <c>--bogus</c> as a path). A value
    /// after <c>--</c> is an argument whatever it looks like.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse)
    {
        var doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var beforeDoubleDash = doubleDash < 0 ? parse.Tokens : parse.Tokens.Take(doubleDash);
        var arguments = SwallowedByArguments(parse);
        return parse.UnmatchedTokens.Where(LooksLikeOption)
            .Concat(beforeDoubleDash.Where(t => arguments.Contains(t) && LooksLikeOption(t.Value)).Select(t => t.Value))
            .Distinct(StringComparer.Ordinal);
    }

    /// <summary>
    /// The unmatched words that directly follow an unknown option (left unmatched, or taken by a path
    /// argument) before any <c>--</c>, with how often each does. Tokens are told apart by identity, not text: a word the command took
    /// as an argument may have the same text as one it left over.
    /// </summary>
    private static Dictionary<string, int> ValuesOfUnknownOptions(ParseResult parse, bool anyUnknown)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!anyUnknown)
        {
            return values;
        }

        var matched = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        AddMatched(parse.RootCommandResult, matched);
        var swallowed = SwallowedByArguments(parse);
        var tokens = parse.Tokens;
        var doubleDash = tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        var end = doubleDash < 0 ? tokens.Count : doubleDash;
        for (var i = 0; i + 1 < end; i++)
        {
            if (LooksLikeOption(tokens[i].Value) && (!matched.Contains(tokens[i]) || swallowed.Contains(tokens[i]))
                && !LooksLikeOption(tokens[i + 1].Value) && !matched.Contains(tokens[i + 1]))
            {
                values[tokens[i + 1].Value] = values.GetValueOrDefault(tokens[i + 1].Value) + 1;
            }
        }

        return values;
    }

    /// <summary>The tokens a command, option or argument result took, its own name included.</summary>
    private static void AddMatched(SymbolResult result, HashSet<Token> matched)
    {
        matched.UnionWith(result.Tokens);
        switch (result)
        {
            case CommandResult command:
                matched.Add(command.IdentifierToken);
                foreach (var child in command.Children)
                {
                    AddMatched(child, matched);
                }

                break;
            case OptionResult { IdentifierToken: { } name }:
                matched.Add(name);
                break;
        }
    }

    /// <summary>
    /// The tokens the command's arguments took. An argument named like an option (esc serve's
    /// <c>--Engine:SETTING=VALUE</c>) takes option-like words by design, and its command checks them itself.
    /// </summary>
    private static HashSet<Token> SwallowedByArguments(ParseResult parse) =>
        parse.CommandResult.Children.OfType<ArgumentResult>()
            .Where(a => !a.Argument.Name.StartsWith('-'))
            .SelectMany(a => a.Tokens).ToHashSet<Token>(ReferenceEqualityComparer.Instance);

    /// <summary>A token such as <c>--bogus</c> or <c>-x</c>; a lone <c>-</c> is standard input.</summary>
    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    private static IEnumerable<string> OptionNames(Command command) => command.Options.SelectMany(o => o.Aliases.Prepend(o.Name));

    private static string Suggestion(string token, IEnumerable<string> candidates) =>
        NameSuggester.Closest(token, candidates, max: 1) is [var closest] ? $"; did you mean '{closest}'?" : ".";
}
