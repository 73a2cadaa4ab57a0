using System.CommandLine;
using System.Globalization;
using EscalationDsl.Engine.Storage;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc backup --output FILE [--db FILE]</c>: a consistent copy of the engine's database, while it runs or not.</summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write (never overwritten).", HelpName = "FILE", Required = true };
        var database = new Option<string>("--db") { Description = "The engine's SQLite database (default escalation.db).", HelpName = "FILE", DefaultValueFactory = _ => "escalation.db" };
        var command = new Command("backup", "Copy the engine's database to a new file, consistent as of one commit, while esc serve runs or not.") { output, database };
        command.SetAction(parse =>
        {
            BackupSummary done;
            try
            {
                done = EngineBackup.Write(parse.GetValue(database)!, parse.GetValue(output)!, console.WorkingDirectory);
            }
            catch (BackupException e)
            {
                throw new UsageException($"backup: {e.Message}");
            }

            PolicyLoader.WriteOutput(
                string.Create(CultureInfo.InvariantCulture, $"backup: {done.Database} -> {done.Output}: {done.Tickets} tickets ({done.OpenTickets} open), {done.Events} events, schema version {done.SchemaVersion}, {done.Bytes} bytes\n"),
                null, console);
            return ExitCodes.Success;
        });
        return command;
    }
}
