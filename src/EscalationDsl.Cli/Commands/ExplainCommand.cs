using System.CommandLine;
using System.Globalization;
using EscalationDsl.Analysis;
using EscalationDsl.Cli.Output;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;
using NodaTime;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc explain POLICY --events FILE [--ticket ID] [--at TIME] [--step DURATION] [--only KINDS] [--zone ZONE]</c>: one ticket's timeline and why.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("policy") { Description = "The .esc policy file, or - to read it from standard input." };
        var events = new Option<string>("--events") { Description = "Ticket events: canonical JSON Lines (.jsonl) or CSV (.csv); docs/events.md.", Required = true };
        var ticket = new Option<string?>("--ticket") { Description = "The ticket to explain when the file holds several." };
        var at = new Option<string?>("--at") { Description = "Explain the ticket as of this time (ISO 8601, e.g. 2026-11-26T15:00:00Z), or this long after it was created (+2h, +90m, +1d); default: its last event." };
        var step = new Option<string?>("--step") { Description = $"Also show the state at this interval (15m, 1h) from the ticket's creation to the end, each state after the timeline entries up to it; at most {ExplainOptions.MaxStates} states." };
        var only = new Option<string?>("--only") { Description = $"Show only these kinds of timeline entries, comma-separated ({string.Join(", ", ExplainOptions.KindNames)}); the state at the end is always shown." };
        var zone = new Option<string?>("--zone") { Description = "Show the text and Markdown output's times in this IANA time zone (e.g. Europe/Berlin), with their offset, or in the zone of the policy's default calendar (policy); JSON stays in UTC." };
        var format = CommonOptions.Format("text", "json", "markdown");
        var command = new Command("explain", "Replay one ticket and print its timeline: events, deadlines with their arithmetic, steps fired or skipped and why, decisions, and the final state.")
        {
            policy, events, ticket, at, step, only, zone, format,
        };
        command.SetAction(parse => Run(
            parse.GetValue(policy)!, parse.GetValue(events)!, parse.GetValue(ticket), parse.GetValue(at),
            new View(parse.GetValue(step), parse.GetValue(only), parse.GetValue(zone), parse.GetValue(format)!), console));
        return command;
    }

    /// <summary>The options that shape the output, as given: <c>--step</c>, <c>--only</c>, <c>--zone</c>, <c>--format</c>.</summary>
    private sealed record View(string? Step, string? Only, string? Zone, string Format);

    private static int Run(string policyPath, string eventsPath, string? ticketId, string? atText, View view, CliConsole console)
    {
        PolicyLoader.RefuseEmpty(("POLICY", policyPath), ("--events", eventsPath));
        PolicyLoader.CheckNotStandardInput("--events", eventsPath, policyPath, console);
        var kinds = ExplainOptions.ParseKinds(view.Only);
        var every = ExplainOptions.ParseStep(view.Step);
        if (PolicyLoader.Load(policyPath, console) is not { } policy)
        {
            return ExitCodes.Findings;
        }

        var time = ExplainOptions.TimeFormat(ExplainOptions.ParseZone(view.Zone, policy));

        var (until, afterCreated) = ExplainOptions.ParseAt(atText);

        var records = EventFiles.Read(eventsPath, console);
        var bad = records.Where(r => !r.IsValid).ToList();
        foreach (var r in bad)
        {
            console.Error.WriteLine($"{eventsPath}:{r.Line}: {r.Error}");
        }

        if (bad.Count > 0)
        {
            return ExitCodes.Usage;
        }

        if (WithoutRetries(records, eventsPath, console) is not { } all)
        {
            return ExitCodes.Usage;
        }

        var tickets = all.Select(e => e.Item1.TicketId).Distinct().ToList();
        ticketId ??= tickets.Count == 1 ? tickets[0] : throw new UsageException(
            tickets.Count == 0 ? $"{eventsPath}: no events" : $"{eventsPath} holds {tickets.Count} tickets; pick one with --ticket ({UnknownName.List(tickets)})");

        // Stable sort by time: events at the same instant keep their file order.
        var mine = all.Where(e => e.Item1.TicketId == ticketId).OrderBy(e => e.Item1.At).ToList();
        if (mine.Count == 0)
        {
            throw new UsageException($"--ticket: {eventsPath} has no events for ticket '{ticketId}' (tickets: {UnknownName.List(tickets)}){UnknownName.Hint(ticketId, tickets, "ticket ids")}");
        }

        if (mine[0].Item1.Kind != TicketEventKind.Created)
        {
            // Said as esc sim says it: "must start with created" misled when the file's first line is the
            // created event and a later line holds an earlier time.
            var (first, firstLine) = mine[0];
            var created = mine.Find(e => e.Item1.Kind == TicketEventKind.Created);
            console.Error.WriteLine(created.Item1 is null
                ? $"{eventsPath}:{firstLine}: ticket '{ticketId}' has no created event; a ticket starts with created"
                : $"{eventsPath}:{firstLine}: ticket '{ticketId}': this {TicketEventKinds.Name(first.Kind)} event at {TicketEventJson.FormatTime(first.At)} comes before the ticket was created (line {created.Line.ToString(CultureInfo.InvariantCulture)}, {TicketEventJson.FormatTime(created.Item1.At)})");
            return ExitCodes.Usage;
        }

        foreach (var (e, line) in mine)
        {
            if (policy.Validate(e) is { } problem)
            {
                console.Error.WriteLine($"{eventsPath}:{line}: {problem}");
                return ExitCodes.Usage;
            }
        }

        WarnOfMisspeltTexts(policy, mine, eventsPath, console);
        if (afterCreated is { } span)
        {
            until = ExplainOptions.CheckHandled(atText!, mine[0].Item1.At + span);
        }

        // As in esc sim and the engine: a ticket is created once.
        if (mine.Skip(1).FirstOrDefault(e => e.Item1.Kind == TicketEventKind.Created) is { Item1: not null } again)
        {
            console.Error.WriteLine($"{eventsPath}:{again.Line}: ticket '{ticketId}' already has a created event (line {mine[0].Line.ToString(CultureInfo.InvariantCulture)}); a ticket is created once");
            return ExitCodes.Usage;
        }

        // The state is given as of --at, else of the last event (later events are not applied).
        var end = until ?? mine[^1].Item1.At;
        if (end < mine[0].Item1.At)
        {
            throw new UsageException($"--at: ticket '{ticketId}' was created after {atText}");
        }

        var stepTimes = every is { } interval ? ExplainOptions.StepTimes(mine[0].Item1.At, end, interval, view.Step!) : [];
        var replay = ExplainReplay.Run(policy, [.. mine.Select(e => e.Item1)], end, stepTimes);
        if (replay.StoppedAt is { } stopped)
        {
            throw new UsageException($"the timeline of ticket '{ticketId}' passed {ExplainReplay.MaxEntries.ToString("N0", CultureInfo.InvariantCulture)} entries by {TicketEventJson.FormatTime(stopped)}, before {TicketEventJson.FormatTime(end)}; give an earlier --at (a step that repeats every minute fires 1,440 times a day)");
        }

        var (trace, decisions, states) = (replay.Trace, replay.Decisions, replay.States);
        var state = states[^1].State;
        var dto = StateDto.From(state, policy.Model);
        IReadOnlyList<TraceEntry> timeline = kinds is null ? trace.Entries : [.. trace.Entries.Where(e => kinds.Contains(e.Kind))];

        if (view.Format == "json")
        {
            PolicyLoader.WriteOutput(JsonOutput.Serialize(new
            {
                policy = policy.Name,
                version = policy.Version,
                ticket = ticketId,
                at = TicketEventJson.FormatTime(end),
                timeline = timeline.Select(e => new { at = TicketEventJson.FormatTime(e.At), kind = e.Kind, text = e.Text }),
                decisions = decisions.Select(DecisionDto.From),
                state = dto,
                states = every is null ? null : states.Select(s => new { at = TicketEventJson.FormatTime(s.At), state = StateDto.From(s.State, policy.Model) }),
            }), null, console);
            return ExitCodes.Success;
        }

        if (kinds is not null)
        {
            // Each state follows the entries up to it that --only keeps.
            states = [.. states.Select(s => s with { Entries = trace.Entries.Take(s.Entries).Count(e => kinds.Contains(e.Kind)) })];
        }

        PolicyLoader.WriteOutput(
            view.Format == "markdown"
                ? ExplainMarkdown.Render(ticketId, policy, timeline, states, time, sinceCreated: every is not null)
                : ExplainText.Render(ticketId, policy, timeline, states, time, sinceCreated: every is not null),
            null,
            console);
        return ExitCodes.Success;
    }

    /// <summary>
    /// A text value one letter off a value the policy's conditions compare the field with (a status of
    /// <c>awaiting customer</c> against <c>status == awaiting_customer</c>) is taken as written, so the
    /// pause or rule it was meant for silently does not happen: a warning on standard error says so (the
    /// timeline is still explained, exit 0).
    /// </summary>
    private static void WarnOfMisspeltTexts(CompiledPolicy policy, List<(TicketEvent Event, long Line)> events, string eventsPath, CliConsole console)
    {
        foreach (var (e, line) in events)
        {
            foreach (var misspelt in policy.ComparedTexts.Of(e) ?? [])
            {
                console.Error.WriteLine($"{eventsPath}:{line}: warning: {misspelt.Message(policy.Name)}");
            }
        }
    }

    /// <summary>
    /// The file's events in file order, each id's first: as in the engine (and esc sim), an event repeated
    /// under its id is a retry, applied once, and another event under a used id is refused (reported,
    /// null). The file is read whole, so ids are compared across all its tickets, as the engine does.
    /// </summary>
    private static List<(TicketEvent Event, long Line)>? WithoutRetries(List<EventParseResult> records, string eventsPath, CliConsole console)
    {
        var all = new List<(TicketEvent, long)>(records.Count);
        var ids = new Dictionary<string, (TicketEvent Event, long Line)>(StringComparer.Ordinal);
        var reused = false;
        foreach (var r in records)
        {
            var e = r.Event!;
            if (e.EventId is { } id && !ids.TryAdd(id, (e, r.Line)))
            {
                var earlier = ids[id];
                if (!EventIds.Same(earlier.Event, e))
                {
                    console.Error.WriteLine($"{eventsPath}:{r.Line}: {EventIds.UsedInFile(id, earlier.Event, "line " + earlier.Line.ToString(CultureInfo.InvariantCulture))}");
                    reused = true;
                }

                continue;
            }

            all.Add((e, r.Line));
        }

        return reused ? null : all;
    }
}
