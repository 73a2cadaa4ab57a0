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
