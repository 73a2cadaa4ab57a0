using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Runs the real simulator and keeps everything it reports.</summary>
internal sealed class Replays
{
    public List<string> Problems { get; } = [];

    public List<TicketEvent> Events { get; } = [];

    public List<Decision> Decisions { get; } = [];

    public SimulationResult? Result { get; private set; }

    public static Replays ServiceNow(string csv, CompiledPolicy? policy = null, bool strict = false)
    {
        policy ??= Policies.Support;
        using var file = new TempFile(".csv", csv);
        using var source = new ServiceNowEventSource(file.Path, "log.csv", MappingFile.DefaultServiceNow(policy));
        return Run(policy, source, strict);
    }

    public static Replays Canonical(string extension, string content, CompiledPolicy? policy = null, SimulationOptions? options = null)
    {
        using var file = new TempFile(extension, content);
        using var source = new CanonicalEventSource(file.Path, "events" + extension);
        return Run(policy ?? Policies.Support, source, options: options);
    }

    /// <summary>A canonical JSON Lines event on Monday 2 November 2026, UTC (<c>at</c> is <c>10:15</c>); <paramref name="extra"/> adds members.</summary>
    public static string MondayEvent(string ticket, string at, string type, string extra = "") =>
        $$"""{"ticket":"{{ticket}}","at":"2026-11-02T{{at}}:00Z","type":"{{type}}"{{extra}}}""";

    /// <summary>The report of these JSON Lines replayed against <paramref name="policy"/>, which must raise no problem.</summary>
    public static Reporting.SimulationReport Report(CompiledPolicy policy, params string[] lines)
    {
        var replay = Canonical(".jsonl", string.Join("\n", lines) + "\n", policy);
        replay.Problems.ShouldBeEmpty();
        return replay.Result!.Report;
    }

    public static Replays Run(CompiledPolicy policy, IEventSource source, bool strict = false, SimulationOptions? options = null)
    {
        var replays = new Replays();
        options = (options ?? new SimulationOptions()) with
        {
            Strict = strict,
            Problem = replays.Problems.Add,
            Replayed = replays.Events.Add,
            Decided = replays.Decisions.Add,
        };
        replays.Result = new Simulator(policy, options).Run(source);
        return replays;
    }

    /// <summary>Decisions as "time kind owner [id]" lines, for readable assertions.</summary>
    public List<string> DecisionLines() =>
        [.. Decisions.Select(d => $"{TicketEventJson.FormatTime(d.At)} {DecisionKinds.Name(d.Kind)} {d.Owner ?? "-"} [{d.Id}]")];
}
