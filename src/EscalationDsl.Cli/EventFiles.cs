using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Cli;

/// <summary>Reads canonical event files (JSON Lines or CSV, docs/events.md) for commands.</summary>
public static class EventFiles
{
    /// <summary>
    /// Reads every record of an event file. Records that do not parse come back with their error;
    /// the caller decides whether to stop or skip.
    /// </summary>
    /// <exception cref="UsageException">The file does not exist, is a folder or has an unknown extension.</exception>
    public static List<EventParseResult> Read(string path, CliConsole console)
    {
        var full = Path.GetFullPath(path, console.WorkingDirectory);
        if (!File.Exists(full))
        {
            throw new UsageException(Directory.Exists(full) ? $"{path}: is a folder; name the file of the ticket's events" : $"{path}: no such event file");
        }

        // As esc sim reads them: gzip-compressed under the format's extension (events.jsonl.gz), CSV in a .zip.
        var extension = Path.GetExtension(InputFile.Uncompressed(full)).ToLowerInvariant();
        if (extension is not (".jsonl" or ".ndjson" or ".csv" or ".zip" or ""))
        {
            throw new UsageException($"{path}: unknown event format '{extension}'; use JSON Lines (.jsonl) or CSV (.csv), see docs/events.md");
        }

        try
        {
            // Without an extension (a pipe such as <(zcat events.gz)) the content tells.
            using var input = InputFile.Open(full, path);
            using var reader = TicketEventJson.OpenText(input.Content);
            return extension is ".csv" or ".zip" || (extension.Length == 0 && !CanonicalEventSource.IsJsonLines(reader))
                ? [.. CanonicalCsv.Read(reader, path)]
                : [.. TicketEventJson.ReadLines(reader)];
        }
        catch (LineTooLongException e)
        {
            throw new UsageException($"{path}:{e.Line}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new UsageException($"{path}: cannot read: {e.Message}");
        }
        catch (SourceException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
