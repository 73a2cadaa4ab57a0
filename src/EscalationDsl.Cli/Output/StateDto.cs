using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Tracing;

namespace EscalationDsl.Cli.Output;

/// <summary>The JSON shape of a ticket's state in CLI output.</summary>
/// <remarks><see cref="IdleRules"/>: the rules with a <c>when</c> that select the ticket's severity and do not apply now (an open ticket only), which say why no rule, or not the expected one, applies.</remarks>
public sealed record StateDto(string Ticket, string State, string Severity, string? Owner, int Level, bool Monitoring, bool PagingStopped, bool Paused, string? NextDeadline, IReadOnlyList<ClockDto> Clocks, IReadOnlyList<string> ActiveRules, IReadOnlyList<IdleRule> IdleRules, IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>Converts a snapshot of a ticket under <paramref name="model"/>.</summary>
    public static StateDto From(TicketSnapshot s, PolicyModel model) => new(
        s.Id, s.State, s.Severity, s.Owner, s.Level, s.Monitoring, s.PagingStopped, s.Paused,
        s.NextDeadline is { } n ? TicketEventJson.FormatTime(n) : null,
        s.Clocks.Select(c => new ClockDto(c.Name, c.Status, c.BreachedUnder, c.Due is { } d ? TicketEventJson.FormatTime(d) : null, c.Step, c.Cadence, c.Conditions, c.SkipReason, c.BlockReason)).ToList(),
        s.ActiveRules, IdleRule.Of(s, model), s.Fields);
}

/// <summary>
/// One clock in JSON output; <paramref name="BreachedUnder"/> the severity a breached SLA component was breached under
/// when the ticket's severity changed since (<see cref="ClockSnapshot.BreachedUnder"/>), <paramref name="Step"/> a rule
/// step's trigger as written, <paramref name="Cadence"/> the customer update cadence as written, <paramref name="Conditions"/>
/// the conditions time alone changes at the recheck of time-dependent conditions, <paramref name="SkipReason"/> why a
/// pending step would be skipped when due if no event comes before then (<see cref="ClockSnapshot.SkipReason"/>),
/// <paramref name="BlockReason"/> why a blocked step's escalation waits, or why a pending step's would be blocked
/// then (<see cref="ClockSnapshot.BlockReason"/>).
/// </summary>
public sealed record ClockDto(string Name, string Status, string? BreachedUnder, string? Due, string? Step, string? Cadence, IReadOnlyList<string>? Conditions, string? SkipReason, string? BlockReason);
