using System.CommandLine;
using System.Globalization;
using EscalationDsl.Cli.Output;
using EscalationDsl.Engine;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc backup --output FILE [--db FILE]</c>: a consistent copy of the engine's database, while it runs or not.</summary>
internal static class BackupCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "The backup file to write; never overwritten.", HelpName = "FILE", Required = true };
        var database = new Option<string>("--db")
        {
            Description = "The engine's SQLite database (default: Engine:Database from appsettings.json here, as esc serve reads it, else escalation.db).",
            HelpName = "FILE",
        };
        var command = new Command("backup", "Copy the engine's database to a new file, consistent as of one commit, while esc serve runs or not.") { output, database };
        command.SetAction(parse =>
        {
            var (db, named) = Database(parse.GetResult(database) is null ? null : parse.GetValue(database) ?? string.Empty, console);
            var copy = parse.GetValue(output)!;
            var (source, target) = CheckPaths(db, named, copy, console);
            BackupSummary done;
            // Ctrl+C or SIGTERM removes FILE.partial and SQLite's files beside it, as for other output files.
            var partials = EngineBackup.PartialFiles(target).ToList();
            partials.ForEach(Interruption.Track);
            try
            {
                done = EngineBackup.Write(source, target);
            }
            catch (BackupException e)
            {
                throw new UsageException(e.Output ? $"{copy}: cannot write: {e.Message}" : $"{named}: cannot back up: {e.Message}");
            }
            finally
            {
                partials.ForEach(Interruption.Forget);
            }

            var upTo = done.LatestEvent is { } latest ? $" up to {TicketEventJson.FormatTime(Instant.FromUnixTimeMilliseconds(latest))}" : "";
            PolicyLoader.WriteOutput(
                string.Create(CultureInfo.InvariantCulture, $"backup: {OneLine.Of(db)} -> {OneLine.Of(copy)}: {Words.Count(done.Tickets, "ticket")} ({done.OpenTickets} open), {Words.Count(done.Events, "event")}{upTo}, schema version {done.SchemaVersion}, {done.Bytes} bytes\n"),
                null, console);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// The database to copy: <c>--db</c>, or else the one <c>esc serve</c> would use in the working
    /// folder (Engine:Database from its settings files or the environment, else escalation.db), with
    /// how messages name it: a path from settings says where it came from.
    /// </summary>
    private static (string Database, string Named) Database(string? given, CliConsole console)
    {
        if (given is not null)
        {
            return (given, given);
        }

        try
        {
            var (db, from) = EngineHost.ConfiguredDatabase(console.WorkingDirectory);
            if (from is null)
            {
                return (db, $"{db} (the default: no --db, and no Engine:Database in appsettings.json here)");
            }

            return string.IsNullOrWhiteSpace(db)
                ? throw new UsageException($"{from}: Engine:Database: is empty; give a file path")
                : (db, $"{db} (Engine:Database in {from})");
        }
        catch (EngineConfigurationException e)
        {
            throw new UsageException($"{OneLine.Of(e.Message)}; esc backup reads Engine:Database there when --db is not given");
        }
    }

    /// <summary>The database and the copy as full paths, refusing what cannot be backed up or written before anything is.</summary>
    private static (string Database, string Output) CheckPaths(string db, string named, string copy, CliConsole console)
    {
        PolicyLoader.RefuseEmpty(("--db", db), ("--output", copy));
        if (copy == "-")
        {
            throw new UsageException("--output: a backup is a database file; standard output ('-') cannot hold one");
        }

        var source = Path.GetFullPath(db, console.WorkingDirectory);
        if (Directory.Exists(source))
        {
            throw new UsageException($"{named}: is a folder; name the engine's database file");
        }

        if (!File.Exists(source))
        {
            throw new UsageException($"{named}: no such database");
        }

        PolicyLoader.CheckOutput(copy, console);
        PolicyLoader.CheckNotAnInput("--output", copy, console, DatabaseFiles.Of(db).Select(f => (f.What, (string?)f.Path)));

        // The copy is first written to FILE.partial (with SQLite's files beside it), which a backup removes.
        foreach (var partial in EngineBackup.PartialFiles(copy))
        {
            PolicyLoader.CheckNotAnInput("--output", partial, console, DatabaseFiles.Of(db).Select(f => (f.What, (string?)f.Path)));
        }
        var target = Path.GetFullPath(copy, console.WorkingDirectory);
        if (File.Exists(target))
        {
            throw new UsageException($"{copy}: already exists; a backup never overwrites, name a new file");
        }

        return (source, target);
    }
}
