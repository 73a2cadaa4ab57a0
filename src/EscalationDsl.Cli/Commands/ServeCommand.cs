using System.CommandLine;
using System.Runtime.InteropServices;
using EscalationDsl.Cli.Output;
using EscalationDsl.Engine;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// <c>esc serve</c>: runs the engine. With no arguments it serves ./policies on ./escalation.db at
/// http://127.0.0.1:8080. Any other setting is given as <c>--Engine:SETTING=VALUE</c>; every other
/// word is refused, so a mistyped option is reported instead of ignored.
/// </summary>
internal static class ServeCommand
{
    private const string EnginePrefix = "--Engine:";

    /// <summary>The log category of esc serve's own entries (listening, a start that fails or is cancelled).</summary>
    internal const string LogCategory = "EscalationDsl.Cli.Serve";

    public static Command Create(CliConsole console)
    {
        var listen = SettingOption("--listen", "Address to listen on (default http://127.0.0.1:8080; port 0 picks a free one).", "URL");
        var database = SettingOption("--db", "SQLite database file (default escalation.db).", "FILE");
        var policies = SettingOption("--policies", "Folder of .esc policies, watched for changes (default policies).", "DIR");
        var settings = new Argument<string[]>("--Engine:SETTING=VALUE")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Any engine setting, such as --Engine:DefaultPolicy=support or --Engine:Sinks:0:Type=file (docs/engine.md#configuration).",
        };
        var command = new Command("serve", "Run the escalation engine: HTTP API, SQLite store, deadline scheduler, decision delivery, /metrics.")
        {
            listen, database, policies, settings,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var args = new List<string>();
            if (EngineArguments(parse.GetValue(settings) ?? [], args) is { } mistake)
            {
                await console.Error.WriteLineAsync($"esc serve: {mistake}");
                return ExitCodes.Usage;
            }

            void Map(Option<string?> option, string key)
            {
                // Given without a value (--db=, whose empty value the parser drops), it is passed on
                // empty, so the engine's check names the setting as it does for --Engine:Database=.
                if (parse.GetResult(option) is not null)
                {
                    args.Add($"{EnginePrefix}{key}={parse.GetValue(option)}");
                }
            }

            Map(listen, "Listen");
            Map(database, "Database");
            Map(policies, "Policies");

            WebApplication? app = null;
            ILogger? log = null;

            // The start is stopped through the command's token, whichever signal came: SIGTERM is told apart here,
            // so the exit code is 143 for it, as for every other command, not Ctrl+C's 130.
            var terminated = false;
            try
            {
                app = EngineHost.Build([.. args], gate: LintGate.Create());

                // From here the host's logging is configured (Logging:Console was checked by Build): esc serve's
                // own lines are log records, in the format chosen, in order with the engine's. Before, a line of
                // plain text is all there is to say a setting cannot be used, a bad formatter among them.
                log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
                using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => terminated = true))
                {
                    await EngineHost.StartAsync(app, cancellation);
                }

                log.LogInformation("Listening on {Urls}", string.Join(", ", app.Urls));
                await app.WaitForShutdownAsync(cancellation);
                return ExitCodes.Success;
            }
            catch (EngineConfigurationException e)
            {
                // A start that fails has disposed the host (EngineHost.StartAsync): its console logger, its
                // queue written out, writes what comes after at once.
                foreach (var problem in e.All.Count > 1 ? e.All : [e])
                {
                    if (log is null)
                    {
                        await console.Error.WriteLineAsync($"esc serve: {OneLine.Of(problem.Message)}");
                    }
                    else
                    {
                        log.LogError("The engine cannot start: {Problem}", OneLine.Of(problem.Message));
                    }
                }

                return ExitCodes.Usage;
            }
            catch (OperationCanceledException) when (log is not null)
            {
                log.LogWarning("Cancelled by {Signal} while starting; the engine never listened", terminated ? "SIGTERM" : "SIGINT");
                return terminated ? ExitCodes.Terminated : ExitCodes.Cancelled;
            }
            catch (Exception e) when (log is not null)
            {
                // As esc's internal error (EscApp), as one entry: the exception it carries is the trace to report.
                log.LogCritical(e, "Internal error (a bug in esc, not in your input; please report it with this entry's exception): {Error}", $"{e.GetType().FullName}: {e.Message}");
                return ExitCodes.Usage;
            }
            finally
            {
                if (app is not null)
                {
                    await app.DisposeAsync();
                }
            }
        });
        return command;
    }

    /// <summary>
    /// An option that sets an engine setting. Its value may be left out: the parser drops the empty
    /// value of <c>--db=</c> and would report a missing argument, where the setting is given empty.
    /// </summary>
    private static Option<string?> SettingOption(string name, string description, string helpName) =>
        new(name) { Description = description, HelpName = helpName, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>
    /// Turns the words that are not serve's own options into configuration switches: each must be
    /// <c>--Engine:SETTING=VALUE</c> or <c>--Engine:SETTING VALUE</c>. Returns what is wrong, or null.
    /// </summary>
    internal static string? EngineArguments(IReadOnlyList<string> words, List<string> args)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.Length > EnginePrefix.Length && word.StartsWith(EnginePrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (word.Contains('=', StringComparison.Ordinal))
                {
                    args.Add(word);
                }
                else if (i + 1 < words.Count && !words[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    args.Add($"{word}={words[++i]}");
                }
                else
                {
                    return $"{word} needs a value: {word}=VALUE";
                }

                continue;
            }

            return word.StartsWith('-') ? UnknownOption(word) : $"unexpected argument '{word}'; settings are given as --Engine:SETTING=VALUE (see esc serve --help)";
        }

        return null;
    }

    /// <summary>Names the closest option, or the engine setting the word looks like, or lists the options.</summary>
    private static string UnknownOption(string word)
    {
        var name = word.TrimStart('-').Split('=')[0].ToLowerInvariant();
        var known = new Dictionary<string, string>(StringComparer.Ordinal) { ["listen"] = "--listen", ["db"] = "--db", ["policies"] = "--policies" };
        foreach (var setting in EngineSettings.Names)
        {
            known.TryAdd(setting.ToLowerInvariant(), $"{EnginePrefix}{setting}=VALUE");
        }

        known["database"] = "--db";
        var closest = NameSuggester.Closest(name, known.Keys, max: 1);
        return closest.Count > 0
            ? $"unknown option '{word}'; did you mean '{known[closest[0]]}'?"
            : $"unknown option '{word}'; esc serve takes --listen URL, --db FILE, --policies DIR and --Engine:SETTING=VALUE (see esc serve --help)";
    }
}
