using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Machine;
using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>A step ready to run: its trigger shape, compiled conditions and the Stateless trigger it fires.</summary>
internal sealed class CompiledStep
{
    public required CompiledRule Rule { get; init; }
    public required StepModel Model { get; init; }
    public required StepKind Kind { get; init; }
    public required LifecycleTrigger Trigger { get; init; }
    public DurationModel? Duration { get; init; }
    public BusinessCalendar? Calendar { get; init; }

    /// <summary>`unless` for after, `while` for every, `when` for on.</summary>
    public TicketPredicate? Condition { get; init; }

    /// <summary>For `every ... since X`: how to read the anchor time.</summary>
    public FieldAccess? Since { get; init; }

    /// <summary>
    /// For `every ... while C`: C has no `older than` or `during`, so only events and the policy's own
    /// actions change it. A tick that finds it false parks the step: no deadline until it holds again.
    /// </summary>
    public bool ParksWhileFalse { get; init; }
    public int? Cap { get; init; }
    public TriggerEvent OnEvent { get; init; }
    public int FlagSlot { get; init; } = -1;

    /// <summary>For `on monitoring`: the built-in flag that only the policy's own `enter monitor` raises.</summary>
    public bool OnMonitoring { get; init; }

    /// <summary>For `on FLAG`: the flag's place in <see cref="CompiledPolicy.WatchedFlagSlots"/>, set once compiled.</summary>
    public int FlagIndex { get; set; } = -1;
    public required ImmutableArray<ActionModel> Actions { get; init; }
    public bool Escalates { get; init; }

    /// <summary>
    /// When an `assign` comes before the step's first escalation, the index of that escalation: the actions before it
    /// run first, so the escalation and its guards are judged from the owner they leave; else 0.
    /// </summary>
    public int AssignsBeforeEscalating { get; init; }

    /// <summary>The required-field guards that apply to this step's escalation (policy-wide and the rule's).</summary>
    public required ImmutableArray<CompiledRequireGuard> Guards { get; init; }

    /// <summary>
    /// Replaces <paramref name="missing"/> with the fields the step's guards require that are missing now, in the
    /// guards' order, each once; empty when none is (or no guard applies).
    /// </summary>
    public void CollectMissing(Ticket ticket, long now, CompiledPolicy policy, List<string> missing)
    {
        missing.Clear();
        foreach (var guard in Guards)
        {
            guard.CollectMissing(ticket, now, policy, missing);
        }
    }

    /// <summary>
    /// Why the escalation waits, from the fields <see cref="CollectMissing"/> left in <paramref name="missing"/>: <c>escalation
    /// blocked until root_cause is set</c>, and when time alone can end every guard that holds it, <c>..., or until `during
    /// business` no longer holds</c> (<c>`A` and `B` no longer hold</c>: all must end). When the step's rule will not apply by
    /// then (follow the sun: the rule and the guard both end with `during emea`), the escalation is held back and dropped with
    /// the rule, and the reason says so.
    /// </summary>
    public string BlockReason(Ticket ticket, long now, CompiledPolicy policy, List<string> missing)
    {
        var reason = EscalationBlock.Reason(missing);
        var holding = Guards.Where(g => (g.When is null || g.When(ticket, now)) && g.Fields.Any(f => string.IsNullOrEmpty(f.Text(ticket, policy)))).ToList();
        if (holding.Count == 0 || holding.Any(g => !g.TimeDependent))
        {
            return reason;
        }

        // A `when` time alone never ends (`created older than 5m` holds for good) promises nothing.
        var ends = holding.Select(g => g.EndsAt(ticket, now)).ToList();
        if (ends.Any(e => e is null))
        {
            return reason;
        }

        var ended = CompiledRequireGuard.NoLongerHold([.. holding.Select(g => $"`{Language.Semantics.ModelFormatter.Format(g.Model.When!)}`")]);
        return Rule.When is { } ruleWhen && !ruleWhen(ticket, ends.Max()!.Value)
            ? $"{reason}; when {ended}, rule {Rule.Name} does not apply either and the escalation is dropped"
            : $"{reason}, or until {ended}";
    }

    /// <summary>The guard description Stateless shows on the escalation transition.</summary>
    public string? GuardDescription { get; init; }

    public int Index => Model.Index;

    /// <summary>Whether the step's Stateless transition carries a guard (an escalation under required-field guards).</summary>
    public bool Guarded => Escalates && !Guards.IsEmpty;

    /// <summary>The step's position among all steps of the policy (set once compiled).</summary>
    public int GlobalIndex { get; set; }
}
