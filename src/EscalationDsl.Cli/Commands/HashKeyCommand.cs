using System.CommandLine;
using EscalationDsl.Engine.Api;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc hash-key [KEY]</c>: prints the hash to configure in Engine:ApiKeys (generates a key when none is given).</summary>
internal static class HashKeyCommand
{
    public static Command Create(CliConsole console)
    {
        var key = new Argument<string?>("key") { Description = "The API key to hash; omit it to generate a new random key. A key that starts with '-' goes after --: esc hash-key -- -KEY.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("hash-key", "Print the sha256 hash of an API key for Engine:ApiKeys (generates a key when none is given).") { key };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(key);
            if (given is { Length: < 16 })
            {
                throw new UsageException("hash-key: use a key of at least 16 characters");
            }

            if (given is not null && Unusable(given) is { } problem)
            {
                throw new UsageException($"hash-key: the key {problem}, so no request could match its hash");
            }

            var value = given ?? ApiKeys.Generate();
            var text = $"{(given is null ? $"key:  {value}\n" : "")}hash: {ApiKeys.Hash(value)}\n";
            PolicyLoader.WriteOutput(text, null, console);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Why requests could never present this key (ApiKeys.Accepts), or null when they can.</summary>
    private static string? Unusable(string key) =>
        key.Trim() != key ? "starts or ends with white space, which the engine trims from the key it is sent"
        : key.Any(c => char.IsControl(c) && c != '\t') ? "holds a control character (such as a line break), which an Authorization header cannot carry"
        : key.Contains('\uFFFD') ? "holds bytes that are not UTF-8 (read as '\uFFFD')"
        : null;
}
