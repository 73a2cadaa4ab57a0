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

            var value = given ?? ApiKeys.Generate();
            var text = $"{(given is null ? $"key:  {value}\n" : "")}hash: {ApiKeys.Hash(value)}\n";
            PolicyLoader.WriteOutput(text, null, console);
            return ExitCodes.Success;
        });
        return command;
    }
}
