using System.CommandLine;
using System.CommandLine.Help;
using EscalationDsl.Cli.Commands;
using EscalationDsl.Cli.Output;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Cli;

/// <summary>The <c>esc</c> command tree. <see cref="Run"/> is what <c>Program</c> and the CLI tests call.</summary>
public static class EscApp
{
    /// <summary>Builds the root command with every subcommand bound to <paramref name="console"/>.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("esc: escalation policies as code. Check, lint, explain, simulate and run .esc policies.");
        root.Subcommands.Add(CheckCommand.Create(console));
        root.Subcommands.Add(LintCommand.Create(console));
        root.Subcommands.Add(GraphCommand.Create(console));
        root.Subcommands.Add(MatrixCommand.Create(console));
        root.Subcommands.Add(ExplainCommand.Create(console));
        root.Subcommands.Add(SimCommand.Create(console));
        root.Subcommands.Add(ServeCommand.Create(console));
        root.Subcommands.Add(HashKeyCommand.Create(console));
        root.Subcommands.Add(BackupCommand.Create(console));
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new RootHelpAction((HelpAction)help.Action!);
        return root;
    }

    /// <summary>
    /// Parses and runs one command line; returns the exit code (0 clean, 1 findings, 2 usage). With
    /// <paramref name="handleSignals"/> (the program's entry point; a signal is the whole process's),
    /// Ctrl+C and SIGTERM remove the command's temporary files and end esc (<see cref="Interruption"/>).
    /// </summary>
    public static int Run(string[] args, CliConsole console, bool handleSignals = false)
    {
        try
        {
            return RunCommand(args, console, handleSignals);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Standard error cannot be written (`2>&-`, a full disk behind `2>`): RunCommand catches
            // everything else, so only its own messages get here. Nothing can be said; the exit code
            // says output could not be written, as for standard output, rather than the runtime's abort.
            return ExitCodes.Usage;
        }
        finally
        {
            if (handleSignals)
            {
                Interruption.Hold();
            }
        }
    }

    private static int RunCommand(string[] args, CliConsole console, bool handleSignals)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        var mistakes = CommandLineMistakes.Describe(parse);
        if (mistakes.Count > 0)
        {
            foreach (var line in mistakes)
            {
                console.Error.WriteLine(line);
            }

            return ExitCodes.Usage;
        }

        // esc serve stops gracefully on Ctrl+C and SIGTERM by itself.
        using var interruption = !handleSignals || parse.CommandResult.Command.Name == "serve" ? null : Interruption.Watch(console);
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception) when (interruption is not null && Interruption.Signalled)
        {
            // The failure may be the signal's doing (its handler removed the command's files): the
            // handler ends esc with the signal's exit code, and nothing else is said.
            Interruption.Hold();
            throw;
        }
        catch (UsageException e)
        {
            // Each mistake on one line whatever it quotes from the input (a header of binary bytes, a name with a line break).
            foreach (var message in e.Messages)
            {
                console.Error.WriteLine($"esc: {OneLine.Of(message)}");
            }

            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C before a command could handle it: not a bug.
            console.Error.WriteLine("esc: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            // No input should get here: every bad input has its own message. A bug still ends with
            // what to report and exit code 2, not the runtime's crash dump (exit 134).
            console.Error.WriteLine($"esc: internal error (a bug in esc, not in your input; please report it with the lines below): {e.GetType().FullName}: {e.Message}");
            console.Error.WriteLine(e.ToString());
            return ExitCodes.Usage;
        }
    }
}
