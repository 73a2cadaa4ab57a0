using System.CommandLine;
using EscalationDsl.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// <c>esc serve</c>: runs the engine. With no arguments it serves ./policies on ./escalation.db at
/// http://127.0.0.1:8080. Any <c>--Engine:Setting=value</c> switch goes to the engine's configuration.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var listen = new Option<string?>("--listen") { Description = "Address to listen on (default http://127.0.0.1:8080; port 0 picks a free one)." };
        var database = new Option<string?>("--db") { Description = "SQLite database file (default escalation.db)." };
        var policies = new Option<string?>("--policies") { Description = "Folder of .esc policies, watched for changes (default policies)." };
        var command = new Command("serve", "Run the escalation engine: HTTP API, SQLite store, deadline scheduler, decision delivery, /metrics.")
        {
            listen, database, policies,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellation) =>
        {
            var args = new List<string>(parse.UnmatchedTokens);
            void Map(Option<string?> option, string key)
            {
                if (parse.GetValue(option) is { } value)
                {
                    args.Add($"--{key}={value}");
                }
            }

            Map(listen, "Engine:Listen");
            Map(database, "Engine:Database");
            Map(policies, "Engine:Policies");

            WebApplication? app = null;
            try
            {
                app = EngineHost.Build([.. args], gate: LintGate.Create());
                await EngineHost.StartAsync(app, cancellation);
                await console.Error.WriteLineAsync($"esc serve: listening on {string.Join(", ", app.Urls)}");
                await app.WaitForShutdownAsync(cancellation);
                return ExitCodes.Success;
            }
            catch (EngineConfigurationException e)
            {
                await console.Error.WriteLineAsync($"esc serve: {e.Message}");
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
}
