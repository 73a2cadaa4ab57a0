using System.Globalization;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;

namespace EscalationDsl.Simulation.Sources;

/// <summary>Canonical events from a JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>) or CSV (<c>.csv</c>, also inside a <c>.zip</c>) file, each also gzip-compressed (<c>.jsonl.gz</c>) (docs/events.md).</summary>
public sealed class CanonicalEventSource : IEventSource
{
    private readonly string path;
    private InputFile? input;

    /// <summary>
    /// Creates the source; the format follows the file extension (under a <c>.gz</c>). A name without one (a pipe such as
    /// <c>&lt;(zcat events.jsonl.gz)</c>, or <c>/dev/stdin</c>) is read as JSON Lines when its first
    /// character is <c>{</c>, <c>#</c> or blank, and as CSV otherwise.
    /// </summary>
    /// <exception cref="SourceException">The extension is not one of the canonical formats.</exception>
    public CanonicalEventSource(string path, string displayName)
    {
        this.path = path;
        DisplayName = displayName;
        var extension = Path.GetExtension(InputFile.Uncompressed(path)).ToLowerInvariant();
        Format = extension switch
        {
            ".jsonl" or ".ndjson" => "jsonl",
            ".csv" or ".zip" => "csv",
            "" => "jsonl or csv, from the content",
            _ => throw new SourceException($"{displayName}: unknown event format '{extension}'; use canonical JSON Lines (.jsonl) or CSV (.csv), see docs/events.md, or an importer (--import servicenow, --map FILE)"),
        };
    }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Format { get; private set; }

    /// <inheritdoc/>
    public bool GroupedByTicket => false;

    /// <inheritdoc/>
    public IReadOnlyList<string> Caveats => [];

    /// <inheritdoc/>
    public IReadOnlySet<string> Unobserved { get; } = new HashSet<string>();

    /// <inheritdoc/>
    public double Progress => input?.Progress ?? 0;

    /// <inheritdoc/>
    public long RowsRead { get; private set; }

    /// <inheritdoc/>
    public IEnumerable<SourceRecord> Read()
    {
        input?.Dispose();
        input = InputFile.Open(path, DisplayName);
        RowsRead = 0;
        IEnumerable<EventParseResult> results;
        if (Format == "csv")
        {
            results = CanonicalCsv.Read(input.Content, DisplayName, CountRow);
        }
        else if (Format == "jsonl")
        {
            results = ReadJsonLines(TicketEventJson.OpenText(input.Content));
        }
        else
        {
            var text = TicketEventJson.OpenText(input.Content);
            Format = IsJsonLines(text) ? "jsonl" : "csv";
            results = Format == "jsonl" ? ReadJsonLines(text) : CanonicalCsv.Read(text, DisplayName, CountRow);
        }

        foreach (var result in results)
        {
            // CSV rows are counted as they are read (a quoted cell can span lines); JSON Lines are lines.
            if (Format != "csv")
            {
                RowsRead = result.Line;
            }

            yield return result.Event is { } e ? SourceRecord.ForEvent(e, result.Line) : SourceRecord.ForProblem(result.Line, result.Error!, result.TicketId, result.Kind);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => input?.Dispose();

    private void CountRow() => RowsRead++;

    /// <summary>
    /// For input without a file extension: JSON Lines when the first character is <c>{</c>, <c>#</c> or
    /// blank (or there is none), CSV otherwise. Read without consuming it, as a pipe cannot rewind.
    /// </summary>
    public static bool IsJsonLines(TextReader text) => text.Peek() is '{' or '#' or ' ' or '\t' or '\r' or '\n' or -1;

    private IEnumerable<EventParseResult> ReadJsonLines(StreamReader reader)
    {
        using (reader)
        using (var lines = TicketEventJson.ReadLines(reader).GetEnumerator())
        {
            while (Next(lines))
            {
                yield return lines.Current;
            }
        }
    }

    /// <summary>The next line's result; a line too long to be JSON Lines stops the run as a problem of the file.</summary>
    private bool Next(IEnumerator<EventParseResult> lines)
    {
        try
        {
            return lines.MoveNext();
        }
        catch (LineTooLongException e)
        {
            throw new SourceException($"{DisplayName}:{e.Line.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
        }
    }
}
