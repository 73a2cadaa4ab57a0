using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>
/// Where a ticket of one severity keeps its clocks in <see cref="Ticket.Clock"/>: the SLA targets
/// of that severity, the rules that can apply to it (rules for other severities take no room),
/// their steps and the deescalations.
/// </summary>
internal sealed class SeverityLayout
{
    public required SeverityModel Severity { get; init; }
    public required ImmutableArray<SlaSlot> Sla { get; init; }

    /// <summary>Bits: met (1 &lt;&lt; component) and breached (1 &lt;&lt; (8 + component)).</summary>
    public required int SlaStateSlot { get; init; }
    public required int CadenceDueSlot { get; init; }

    /// <summary>Missed updates so far (numbers the missed_update ids); present in every layout of a policy with any cadence, -1 otherwise.</summary>
    public required int CadenceCountSlot { get; init; }

    /// <summary>The time (ticket offset) of the latest missed update, or <see cref="Ticket.Never"/>: the next interval starts there unless a customer update came later.</summary>
    public required int CadenceAnchorSlot { get; init; }
    public UpdateCadenceModel? Cadence { get; init; }

    /// <summary>In the cadence count slot: the cadence ended (its `until` held, or the ticket was resolved) and waits for a customer update or a reopen.</summary>
    public const int CadenceEndedBit = 1 << 30;

    /// <summary>
    /// Whether the ticket's update cadence runs: it has one, it started (a customer update came), the ticket is
    /// not resolved and its `until` has not ended it. Its deadline is then set, unless an SLA pause stops it.
    /// </summary>
    public bool CadenceRuns(Ticket t) =>
        Cadence is not null && t.Has(EventTime.CustomerUpdate) && !t.IsDone && (t.Clock[CadenceCountSlot] & CadenceEndedBit) == 0;
    public BusinessCalendar? CadenceCalendar { get; init; }
    public TicketPredicate? CadenceUntil { get; init; }
    public required ImmutableArray<RuleSlot> Rules { get; init; }
    /// <summary>The deadline at which time-dependent conditions are evaluated again (ticket offset), or -1 when the policy has none.</summary>
    public required int RecheckSlot { get; init; }

    /// <summary>When the rule selectors of this severity, the deescalations or the pauses may next change by time alone.</summary>
    public TicketWake? Recheck { get; init; }

    /// <summary>The conditions <see cref="Recheck"/> is the earliest wake of, for the state to name the ones due.</summary>
    public ImmutableArray<TimedCondition> TimedConditions { get; init; } = [];
    public required int DeescalationBase { get; init; }
    public required int Length { get; init; }

    /// <summary>Every slot holding a deadline (SLA, cadence, `after` and `every` steps): the next due is their minimum.</summary>
    public required ImmutableArray<int> DueSlots { get; init; }

    /// <summary>For each of <see cref="DueSlots"/>, the meta slot of the step it belongs to, or -1 (SLA, cadence, recheck).</summary>
    public required ImmutableArray<int> DueSlotSteps { get; init; }

    public RuleSlot? FindRule(int ruleIndex)
    {
        foreach (var slot in Rules)
        {
            if (slot.Rule.Index == ruleIndex)
            {
                return slot;
            }
        }

        return null;
    }
}

/// <summary>An SLA target of the severity and the slot of its deadline.</summary>
internal sealed record SlaSlot(SlaTargetModel Target, BusinessCalendar? Calendar, int DueSlot, FieldAccess? WithField)
{
    public SlaComponent Component => Target.Component;
}

/// <summary>A rule's start slot and its steps' slots.</summary>
internal sealed record RuleSlot(CompiledRule Rule, int StartSlot, ImmutableArray<StepSlot> Steps);

/// <summary>
/// A step's deadline slot (-1 for `on` and `immediately`), its anchor slot (`every` only: the start
/// of the current interval) and its counter slot (occurrences in the low 24 bits, then flags).
/// </summary>
internal sealed record StepSlot(CompiledStep Step, int DueSlot, int AnchorSlot, int MetaSlot)
{
    public const int OccurrenceMask = 0x00FF_FFFF;
    public const int Done = 1 << 24;
    public const int Blocked = 1 << 25;

    /// <summary>An `every` step whose `while` was false at its last tick and can change only at an event: its deadline does not wake the ticket (see TicketRuntime.Parking).</summary>
    public const int Parked = 1 << 26;

    /// <summary>True when an `every ... up to N times` step has fired N times (<paramref name="meta"/>: its counter slot): it has no deadline any more.</summary>
    public bool CapReached(int meta) => Step.Cap is { } cap && (meta & OccurrenceMask) >= cap;
}
