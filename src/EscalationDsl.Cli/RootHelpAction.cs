using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EscalationDsl.Cli;

/// <summary>
/// <c>esc --help</c>. Its command list shows each command's arguments as the command's own usage line
/// does (<c>check &lt;path&gt;...</c>, <c>hash-key [&lt;key&gt;]</c>); System.CommandLine's list shows every
/// argument as if exactly one were required, and cannot be changed. Help for a command stays System.CommandLine's.
/// </summary>
internal sealed class RootHelpAction(HelpAction standard) : SynchronousCommandLineAction
{
    /// <summary>Help is shown even when the rest of the command line has mistakes, as System.CommandLine's own help is.</summary>
    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is not RootCommand root)
        {
            return standard.Invoke(parseResult);
        }

        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Description:");
        output.WriteLine($"  {root.Description}");
        output.WriteLine();
        output.WriteLine("Usage:");
        output.WriteLine("  esc [command] [options]");
        output.WriteLine();
        output.WriteLine("Options:");
        WriteColumns(output, root.Options.Select(o => (string.Join(", ", o.Aliases.Append(o.Name).Where(a => a[0] == '-').OrderBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal)), o.Description ?? "")));
        output.WriteLine();
        output.WriteLine("Commands:");
        WriteColumns(output, root.Subcommands.Select(c => (string.Join(' ', c.Arguments.Select(Usage).Prepend(c.Name)), c.Description ?? "")));
        output.WriteLine();
        output.WriteLine($"Planned, not available yet: {string.Join(", ", CommandLineMistakes.Planned)} (docs/cli.md#planned-commands).");
        output.WriteLine();
        return ExitCodes.Success;
    }

    private static string Usage(Argument argument)
    {
        // An argument named like an option (esc serve's `--Engine:SETTING=VALUE`) is shown as typed.
        var name = argument.Name.StartsWith('-') ? argument.Name : $"<{argument.Name}>";
        return argument.Arity switch
        {
            { MinimumNumberOfValues: 0, MaximumNumberOfValues: 1 } => $"[{name}]",
            { MinimumNumberOfValues: 0 } => $"[{name}...]",
            { MaximumNumberOfValues: > 1 } => $"{name}...",
            _ => name,
        };
    }

    private static void WriteColumns(TextWriter output, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        var width = list.Max(r => r.Left.Length) + 2;
        foreach (var (left, right) in list)
        {
            output.WriteLine($"  {left.PadRight(width)}{right}");
        }
    }
}
