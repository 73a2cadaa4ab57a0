using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EscalationDsl.Cli.Output;
using EscalationDsl.Engine.Files;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Simulation.Sources;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// <c>esc sim POLICY --tickets FILE [--import servicenow] [--map MAPPING.json] [--format text|markdown|json|html]</c>:
/// replays ticket history against a policy and reports what the support guide says to measure.
/// </summary>
internal static class SimCommand
{
    /// <summary>The importers <c>--import</c> accepts.</summary>
    private static readonly string[] Importers = ["servicenow"];

    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("policy") { Description = "The .esc policy file, or - to read it from standard input." };
        var tickets = new Option<string>("--tickets") { Description = "Ticket history: canonical events (.jsonl, .csv; docs/events.md), or an export read by --import or --map.", Required = true };
        var import = new Option<string?>("--import") { Description = "Read a tool's export: servicenow (the incident audit log, .csv or .zip; docs/importers.md)." };
        var map = new Option<string?>("--map") { Description = "A mapping file (JSON): overrides the --import mapping, or maps any CSV export with one event per row or one row per ticket (docs/importers.md)." };
        var format = CommonOptions.Format("text", "markdown", "json", "html");
        var output = CommonOptions.Output();
        var from = new Option<string?>("--from") { Description = "Replay only tickets created at or after this date (YYYY-MM-DD, in the policy's calendar zone) or ISO 8601 time." };
        var to = new Option<string?>("--to") { Description = "Replay only tickets created before this date (YYYY-MM-DD) or ISO 8601 time." };
        var by = new Option<string?>("--by") { Description = "Add a table per period: week." };
        by.AcceptOnlyFromAmong("week");
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad row and exit with 1 instead of skipping bad rows." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress and no summary on standard error (bad rows are still reported)." };
        var fast = new Option<string?>("--fast-resolution") { Description = "Review list: an escalation followed by resolution within this time may have come too early (a duration such as 30m, 1h, 1h30m; default 1h)." };
        var top = new Option<string?>("--top")
        {
            Description = "Show only the N largest rows of each table per rule, issue type, category, owner and queue, and a last row for the rest (all formats, JSON too); review lists show at most min(N, 15). Default: every row.",
        };
        var emit = new Option<string?>("--emit-events") { Description = "Also write the events replayed, per ticket in replay order, as canonical JSON Lines (.jsonl) or CSV (.csv)." };
        var command = new Command("sim", "Replay ticket history against a policy and report response times, SLA compliance, escalations, pages, customer updates, load and a review list.")
        {
            policy, tickets, import, map, format, output, from, to, by, fast, top, strict, quiet, emit,
        };
        command.SetAction(parse => Run(
            new Request(
                parse.GetValue(policy)!,
                parse.GetValue(tickets)!,
                parse.GetValue(import),
                parse.GetValue(map),
                parse.GetValue(format)!,
                parse.GetValue(output),
                parse.GetValue(from),
                parse.GetValue(to),
                parse.GetValue(by) == "week",
                parse.GetValue(fast),
                parse.GetValue(top),
                parse.GetValue(strict),
                parse.GetValue(quiet),
                parse.GetValue(emit)),
            console));
        return command;
    }

    private static int Run(Request request, CliConsole console)
    {
        if (request.Import is { } name && !Importers.Contains(name))
        {
            throw new UsageException($"--import: '{name}' is not an importer ({string.Join(", ", Importers)}); for any other CSV export write a mapping file and pass it with --map (docs/importers.md)");
        }

        PolicyLoader.RefuseEmpty(("POLICY", request.Policy), ("--tickets", request.Tickets), ("--map", request.Map), ("--output", request.Output), ("--emit-events", request.EmitEvents));
        PolicyLoader.CheckOutput(request.Output, console);
        PolicyLoader.CheckOutput(request.EmitEvents, console, "--emit-events");
        CheckOutputsApart(request, console);
        PolicyLoader.CheckNotStandardInput("--tickets", request.Tickets, request.Policy, console);
        PolicyLoader.CheckNotStandardInput("--map", request.Map, request.Policy, console);
        if (PolicyLoader.Load(request.Policy, console) is not { } policy)
        {
            return ExitCodes.Findings;
        }

        var zone = PolicyFacts.DefaultZone(policy.Model);
        var options = new SimulationOptions
        {
            From = ParseBound("--from", request.From, zone),
            To = ParseBound("--to", request.To, zone),
            Strict = request.Strict,
            ByWeek = request.ByWeek,
        };
        if (options.From is { } start && options.To is { } end && end <= start)
        {
            throw new UsageException($"--to ({request.To}) must come after --from ({request.From}): no ticket could be replayed");
        }
        if (request.FastResolution is { } fastText)
        {
            options = options with { FastResolution = CommonOptions.ParseDuration("--fast-resolution", fastText) };
        }

        if (request.Top is { } topText)
        {
            options = options with { Top = ParseTop("--top", topText) };
        }

        var progress = new SimProgressDisplay(console);
        using var source = OpenSource(request, policy, console);
        using var emitter = request.EmitEvents is { } emitPath ? EventEmitter.Open(emitPath, policy, console) : null;
        options = options with
        {
            Problem = line =>
            {
                // A value from the input (a ticket id, a cell a stray quote ran over many lines) keeps the report on one line.
                progress.Clear();
                console.Error.WriteLine(OneLine.Of(line));
            },
            Progress = request.Quiet ? null : progress.Report,
            Replayed = emitter is null ? null : emitter.Write,
        };

        var clock = Stopwatch.StartNew();
        SimulationResult result;
        try
        {
            result = new Simulator(policy, options).Run(source);
        }
        catch (SourceException e)
        {
            progress.Clear();
            throw new UsageException(e.Message);
        }

        progress.Clear();
        if (result.StoppedAtBadRow)
        {
            // Neither the report nor the events emitted so far are written: --output and --emit-events stay as they were.
            console.Error.WriteLine($"esc: --strict: stopped at the first bad row of {source.DisplayName}; nothing was reported");
            return ExitCodes.Findings;
        }

        emitter?.Finish();

        var report = result.Report;
        var text = request.Format switch
        {
            "json" => JsonReport.Render(report),
            "markdown" => MarkdownReport.Render(report),
            "html" => HtmlReport.Render(report),
            _ => TextReport.Render(report),
        };
        PolicyLoader.WriteOutput(text, request.Output, console);
        if (!request.Quiet)
        {
            var input = report.Input;
            var seconds = clock.Elapsed.TotalSeconds;
            var filtered = input.FilteredTickets > 0 ? $"; {Formats.Count(input.FilteredTickets, "ticket")} outside --from/--to" : "";
            var written = request.Output is { } o ? $"; report written to {o}" : "";
            console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"esc sim: replayed {Formats.Count(input.Tickets, "ticket")} ({Formats.Count(input.ReplayedEvents, "event")} from {Formats.Count(input.Rows, "row")} of {input.File}) in {seconds:F1} s; {Formats.Count(input.BadRows, "bad row")} skipped{filtered}{written}"));
        }

        // Bad rows are skipped, but when nothing at all could be replayed the report measures nothing:
        // most likely the mapping does not fit the file. A CI run should notice.
        if (report.Input.Tickets == 0 && report.Input.FilteredTickets == 0 && report.Input.BadRows > 0)
        {
            console.Error.WriteLine($"esc sim: no ticket could be replayed: every row of {report.Input.File} was bad; check the rows reported above against the --import or --map that reads them");
            return ExitCodes.Findings;
        }

        return ExitCodes.Success;
    }

    private static IEventSource OpenSource(Request request, CompiledPolicy policy, CliConsole console)
    {
        var full = Path.GetFullPath(request.Tickets, console.WorkingDirectory);
        var display = request.Tickets.Replace('\\', '/');
        if (!File.Exists(full))
        {
            throw new UsageException(Directory.Exists(full) ? $"{display}: is a folder; name the file of ticket history" : $"{display}: no such file{StandardInputHint("--tickets", request.Tickets)}");
        }

        LoadedMapping? mapping = null;
        if (request.Map is { } mapPath)
        {
            var mapFull = Path.GetFullPath(mapPath, console.WorkingDirectory);
            if (Directory.Exists(mapFull))
            {
                throw new UsageException($"{mapPath}: is a folder; name the mapping file (JSON)");
            }

            SourceText mapSource;
            try
            {
                mapSource = SourceText.FromBytes(mapPath, BoundedFile.Read(mapFull, "a mapping", named: true));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException(e is FileNotFoundException or DirectoryNotFoundException ? $"{mapPath}: no such mapping file{StandardInputHint("--map", mapPath)}" : $"{mapPath}: cannot read: {e.Message}");
            }

            // Read as UTF-8 regardless, a key saved as Windows-1252 ("Nöte") would never match the export's header.
            if (mapSource.InvalidUtf8 is { } bad)
            {
                var at = mapSource.GetPosition(bad.Offset);
                throw new UsageException(bad.Byte == 0
                    ? $"{mapPath}:{at.Line}:{at.Column}: the mapping file holds a NUL byte (0x00), so it is not UTF-8 text (a binary file, or UTF-16 without a byte order mark); save it as UTF-8"
                    : $"{mapPath}:{at.Line}:{at.Column}: the byte 0x{bad.Byte:X2} is not UTF-8 text; save the mapping file as UTF-8 (column names and values in another encoding would not match the export)");
            }

            var mapText = mapSource.Text;

            var warnings = new List<string>();
            try
            {
                mapping = MappingFile.Load(mapText, mapPath.Replace('\\', '/'), policy, request.Import, warnings);
            }
            catch (MappingException e)
            {
                throw new UsageException(e.Message);
            }

            foreach (var warning in warnings)
            {
                console.Error.WriteLine($"esc: warning: {warning}");
            }
        }

        try
        {
            if (request.Import == "servicenow" || mapping?.ServiceNow is not null)
            {
                if (mapping is null && MappingFile.UnfitStates(policy, ServiceNowMapping.DefaultStates) is { } unfit)
                {
                    throw new UsageException($"--import servicenow: {unfit}");
                }

                return new ServiceNowEventSource(full, display, mapping?.ServiceNow ?? MappingFile.DefaultServiceNow(policy));
            }

            return mapping switch
            {
                { Events: { } events } => new MappedCsvEventSource(full, display, events),
                { Tickets: { } tickets } => new TicketExportEventSource(full, display, tickets),
                _ => new CanonicalEventSource(full, display),
            };
        }
        catch (SourceException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>
    /// For <c>-</c>, which names standard input for POLICY but a file for these options: how to read a
    /// pipe instead (the sources read files by path, and <c>/dev/stdin</c> is one).
    /// </summary>
    private static string StandardInputHint(string option, string path) =>
        path == "-" ? $"; to read standard input, name it /dev/stdin, as in: COMMAND | esc sim POLICY {option} /dev/stdin ..." : "";

    /// <summary>
    /// Refuses an output that names an input (<c>--emit-events</c> would empty the history before it
    /// is read, <c>--output</c> would replace it) or the other output.
    /// </summary>
    private static void CheckOutputsApart(Request request, CliConsole console)
    {
        (string, string?)[] inputs = [("the policy file", request.Policy), ("the --tickets file", request.Tickets), ("the --map file", request.Map)];
        PolicyLoader.CheckNotAnInput("--output", request.Output, console, inputs);
        PolicyLoader.CheckNotAnInput("--emit-events", request.EmitEvents, console, [.. inputs, ("the --output file", request.Output)]);
    }

    /// <summary>A row count of 1 or more; a sign, spaces or a fraction are not one.</summary>
    private static int ParseTop(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"{option}: '{text}' is not a whole number from 1 to 2147483647; give how many rows each table shows, such as 20");

    private static Instant? ParseBound(string option, string? text, DateTimeZone zone)
    {
        if (text is null)
        {
            return null;
        }

        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
        {
            // Midnight of -9998-01-01 east of UTC comes before every instant, and so before every ticket.
            return EventTimes.ToInstant(date.Value.AtStartOfDayInZone(zone).ToOffsetDateTime()) ?? Instant.MinValue;
        }

        return TicketEventJson.ParseTime(text)
            ?? throw new UsageException($"{option}: '{text}' is not a date such as 2016-03-01 (midnight in {zone.Id}) or an ISO 8601 time with an offset such as 2016-03-01T00:00:00Z");
    }

    private sealed record Request(
        string Policy,
        string Tickets,
        string? Import,
        string? Map,
        string Format,
        string? Output,
        string? From,
        string? To,
        bool ByWeek,
        string? FastResolution,
        string? Top,
        bool Strict,
        bool Quiet,
        string? EmitEvents);

    /// <summary>Writes replayed events for <c>--emit-events</c>.</summary>
    private sealed class EventEmitter : IDisposable
    {
        private readonly string path;
        private readonly OutputFile file;
        private readonly StreamWriter writer;
        private readonly Utf8JsonWriter? json;
        private readonly IReadOnlyList<string>? fields;

        private EventEmitter(string path, OutputFile file, IReadOnlyList<string>? fields)
        {
            this.path = path;
            this.file = file;
            writer = new StreamWriter(file.Stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
            this.fields = fields;
            if (fields is null)
            {
                json = new Utf8JsonWriter(writer.BaseStream);
            }
        }

        public static EventEmitter Open(string path, CompiledPolicy policy, CliConsole console)
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is not (".jsonl" or ".ndjson" or ".csv"))
            {
                throw new UsageException($"--emit-events: '{path}' must end in .jsonl or .csv");
            }

            OutputFile file;
            try
            {
                file = OutputFile.Create(Path.GetFullPath(path, console.WorkingDirectory));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--emit-events: {path}: cannot write: {OutputFile.Reason(e)}");
            }

            if (extension != ".csv")
            {
                return new EventEmitter(path, file, null);
            }

            // Columns for every settable field but issue_type and status, which have their own (a
            // field_set row's are the fields it sets). A field named like another event column has
            // none, so an event that sets it is refused by Write rather than read back as another.
            var fields = policy.Model.Fields.Where(f => policy.KnowsField(f.Name) && !CanonicalCsv.EventColumns.Contains(f.Name)).Select(f => f.Name).ToList();
            var emitter = new EventEmitter(path, file, fields);
            CanonicalCsv.WriteHeader(emitter.writer, fields);
            return emitter;
        }

        /// <exception cref="UsageException">The file cannot be written (such as a full disk), or a CSV row would read back as another event.</exception>
        public void Write(TicketEvent e)
        {
            try
            {
                if (json is not null)
                {
                    TicketEventJson.Write(json, e);
                    json.Flush();
                    json.Reset();
                    writer.BaseStream.WriteByte((byte)'\n');
                }
                else if (CanonicalCsv.Unwritable(e, fields!) is { } reason)
                {
                    throw new UsageException($"--emit-events: {path}: the {TicketEventKinds.Name(e.Kind)} event of ticket '{e.TicketId}' at {TicketEventJson.FormatTime(e.At)} cannot be written as CSV: {reason}; emit JSON Lines (.jsonl), which holds every event. {path} is left as it was");
                }
                else
                {
                    CanonicalCsv.WriteRow(writer, e, fields!);
                }
            }
            catch (IOException ex)
            {
                throw CannotWrite(ex);
            }
        }

        /// <summary>Writes what is buffered and puts the file in place; a failure is reported here, not lost in <see cref="Dispose"/>.</summary>
        /// <exception cref="UsageException">The file cannot be written (such as a full disk).</exception>
        public void Finish()
        {
            try
            {
                json?.Dispose();
                writer.Dispose();
                file.Commit();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw CannotWrite(ex);
            }
        }

        public void Dispose()
        {
            // A write that failed was reported by Write or Finish; closing must not replace that message
            // with the same failure thrown again as the stream flushes what is left.
            try
            {
                json?.Dispose();
                writer.Dispose();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
            }

            // Without Finish (the run failed or was refused) the named file is left as it was.
            file.Dispose();
        }

        private UsageException CannotWrite(Exception e) => new($"--emit-events: {path}: cannot write: {OutputFile.Reason(e)}");
    }
}
