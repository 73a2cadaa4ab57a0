using System.CommandLine;
using System.Text;
using EscalationDsl.Engine.Api;
using EscalationDsl.Engine.Files;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc hash-key [KEY]</c>: prints the hash to configure in Engine:ApiKeys (generates a key when none is given).</summary>
internal static class HashKeyCommand
{
    public static Command Create(CliConsole console)
    {
        var key = new Argument<string?>("key") { Description = "The API key to hash; - reads it from standard input (one line), which keeps it out of the process list; omit it to generate a new random key. A key that starts with '-' goes after --: esc hash-key -- -KEY.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("hash-key", "Print the sha256 hash of an API key for Engine:ApiKeys (generates a key when none is given).") { key };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(key) is "-" ? ReadKey(console) : parse.GetValue(key);
            if (given is { Length: < 16 })
            {
                throw new UsageException("hash-key: use a key of at least 16 characters");
            }

            if (given is not null && ApiKeys.Unsendable(given) is { } problem)
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

    /// <summary>
    /// The key on standard input (<c>esc hash-key - &lt; key.txt</c>, or piped from a secret store): its one line, without the
    /// line break that ends it. Bytes that are not UTF-8 read as U+FFFD, which <see cref="ApiKeys.Unsendable"/> refuses.
    /// </summary>
    private static string ReadKey(CliConsole console)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, false).GetString(BoundedFile.Read(console.In, "a key"));
        }
        catch (IOException e)
        {
            throw new UsageException($"hash-key: <stdin>: cannot read: {e.Message}");
        }

        var line = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') ? text[..^1] : text;
        return line.Length == 0 ? throw new UsageException("hash-key: standard input holds no key; give the key on one line (esc hash-key - < key.txt)") : line;
    }
}
