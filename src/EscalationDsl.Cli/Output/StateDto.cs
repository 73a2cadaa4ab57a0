using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Cli.Output;

/// <summary>The JSON shape of a ticket's state in CLI output.</summary>
public sealed record StateDto(string Ticket, string State, string Severity, string? Owner, int Level, bool Monitoring, bool PagingStopped, bool Paused, string? NextDeadline, IReadOnlyList<ClockDto> Clocks, IReadOnlyList<string> ActiveRules, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Converts a snapshot.</summary>
    public static StateDto From(TicketSnapshot s) => new(
        s.Id, s.State, s.Severity, s.Owner, s.Level, s.Monitoring, s.PagingStopped, s.Paused,
        s.NextDeadline is { } n ? TicketEventJson.FormatTime(n) : null,
        s.Clocks.Select(c => new ClockDto(c.Name, c.Status, c.Due is { } d ? TicketEventJson.FormatTime(d) : null)).ToList(),
        s.ActiveRules, s.Fields);
}

/// <summary>One clock in JSON output.</summary>
public sealed record ClockDto(string Name, string Status, string? Due);
