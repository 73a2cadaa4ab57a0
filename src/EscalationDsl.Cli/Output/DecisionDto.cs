using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Cli.Output;

/// <summary>The JSON shape of a decision in CLI output.</summary>
public sealed record DecisionDto(string Id, string Ticket, string At, string Kind, string? Owner, string? Rule, int? Step, int Occurrence, int Level, string? Component, IReadOnlyList<string>? Fields, string Detail)
{
    /// <summary>Converts a runtime decision.</summary>
    public static DecisionDto From(Decision d) => new(
        d.Id, d.TicketId, TicketEventJson.FormatTime(d.At), DecisionKinds.Name(d.Kind), d.Owner, d.Rule, d.Step < 0 ? null : d.Step, d.Occurrence, d.Level,
        d.Component is { } c ? ModelFormatter.Format(c) : null, d.Fields.Count == 0 ? null : d.Fields, d.Detail);
}
