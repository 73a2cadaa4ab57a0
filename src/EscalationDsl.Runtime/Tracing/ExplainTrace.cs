using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// Collects why a ticket is where it is. Passing one to <see cref="TicketRuntime"/> turns the
/// explanation on; passing null keeps the hot path free of string building.
/// </summary>
public sealed class ExplainTrace
{
    private readonly List<TraceEntry> entries = [];

    /// <summary>The target instant of each SLA breach not yet followed by what the target asked for.</summary>
    private Dictionary<SlaComponent, long>? breaches;

    /// <summary>The entries in the order they happened.</summary>
    public IReadOnlyList<TraceEntry> Entries => entries;

    /// <summary>Adds an entry.</summary>
    public void Add(long atMs, TraceKind kind, string text) =>
        entries.Add(new TraceEntry(Instant.FromUnixTimeMilliseconds(atMs), kind, text));

    /// <summary>Remembers the target an SLA breach missed, so the timeline can say how late it is met (only while tracing).</summary>
    internal void NoteBreach(SlaComponent component, long targetMs) => (breaches ??= [])[component] = targetMs;

    /// <summary>The target of the component's breach, once: the first event that does what it asked for takes it.</summary>
    internal long? TakeBreach(SlaComponent component) =>
        breaches is not null && breaches.Remove(component, out var target) ? target : null;

    /// <summary>
    /// While forecasting (<see cref="TicketRuntime.Describe(Ticket)"/>), what the runtime first did with each timed
    /// step: fired (no reason) or skipped (why). Held back is not final until the round's end: the step
    /// fires in the next round at that instant, or its rule stops. Null when not forecasting.
    /// </summary>
    private Dictionary<CompiledStep, (bool Final, string? Reason)>? fates;

    /// <summary>Starts recording the steps' fates (a forecast's trace only).</summary>
    internal void RecordFates() => fates = new(ReferenceEqualityComparer.Instance);

    /// <summary>The step fired (its escalation may be blocked by `require`: it still fires).</summary>
    internal void StepFired(CompiledStep step) => Decide(step, true, null);

    /// <summary>A timed step's due time skipped it: an `after` step's `unless` holds, an `every` tick's `while` does not.</summary>
    internal void StepSkipped(CompiledStep step)
    {
        if (fates is not null)
        {
            Decide(step, true, step.Model.Trigger switch
            {
                AfterTrigger { Unless: { } unless } => $"`{ModelFormatter.Format(unless)}` holds",
                EveryTrigger { While: { } whileCondition } => $"`{ModelFormatter.Format(whileCondition)}` does not hold",
                _ => "skipped",
            });
        }
    }

    /// <summary>
    /// While forecasting, the steps whose first firing had its escalation blocked by a `require ... before escalate`
    /// guard, and why (<c>escalation blocked until account_id is set</c>).
    /// </summary>
    private Dictionary<CompiledStep, string>? blocks;

    /// <summary>The step fires when due but its escalation is blocked by missing fields (forecast only).</summary>
    internal void StepBlocked(CompiledStep step, string reason)
    {
        if (fates is not null)
        {
            (blocks ??= new(ReferenceEqualityComparer.Instance)).TryAdd(step, reason);
        }
    }

    /// <summary>Why the forecast saw the step's escalation blocked when it fired; null if it was not.</summary>
    internal string? BlockOf(CompiledStep step) => blocks is not null && blocks.TryGetValue(step, out var reason) ? reason : null;

    /// <summary>
    /// While forecasting, what the update cadence's first due time did: counted a missed update (decided, no reason),
    /// or found its `until` holding and ended, or a pause stopped it first (why). Null: not decided.
    /// </summary>
    private (string? Reason, bool Decided) cadence;

    /// <summary>The cadence's due time found its `until` holding: it ends, and no update is missed (forecast only).</summary>
    internal void CadenceEnded(UpdateCadenceModel model)
    {
        if (fates is not null && !cadence.Decided)
        {
            cadence = ($"`{ModelFormatter.Format(model.Until!)}` holds, the cadence ends", true);
        }
    }

    /// <summary>The cadence's due time counted a missed update (forecast only).</summary>
    internal void CadenceMissed()
    {
        if (fates is not null && !cadence.Decided)
        {
            cadence = (null, true);
        }
    }

    /// <summary>A pause stopped the cadence before its due time (forecast only; a decided cadence keeps its fate).</summary>
    internal void CadencePaused(string reason)
    {
        if (fates is not null && !cadence.Decided)
        {
            cadence = (reason, true);
        }
    }

    /// <summary>Whether the forecast knows what the cadence's due time does.</summary>
    internal bool CadenceDecided => cadence.Decided;

    /// <summary>Why the cadence's due time counts no missed update, as the forecast saw it; null if it does, or is not known.</summary>
    internal string? CadenceSkip => cadence.Reason;

    /// <summary>A pause stopped the step's wait before its turn came (a step already decided keeps its fate).</summary>
    internal void StepPaused(CompiledStep step, string reason) => Decide(step, true, reason);

    /// <summary>The step was held back: its rule's `when` does not hold after the policy's own actions at that instant.</summary>
    internal void StepHeldBack(CompiledStep step) =>
        Decide(step, false, $"held back, rule {step.Rule.Name}'s `when` does not hold after the policy's own actions at that instant");

    /// <summary>The rule stopped: its steps not yet decided are cancelled (a held-back step stays held back).</summary>
    internal void RuleStops(RuleSlot rule, string reason)
    {
        if (fates is null)
        {
            return;
        }

        foreach (var slot in rule.Steps)
        {
            var held = fates.TryGetValue(slot.Step, out var fate) ? fate : default;
            if (!held.Final)
            {
                fates[slot.Step] = (true, held.Reason ?? $"rule {rule.Rule.Name} stops before it is due ({reason})");
            }
        }
    }

    /// <summary>Whether the forecast knows the step's fate for good (a held-back step may still fire at that instant, or its rule stop).</summary>
    internal bool Decided(CompiledStep step) => fates is not null && fates.TryGetValue(step, out var fate) && fate.Final;

    /// <summary>Whether the forecast decided the step, and why it is skipped (null: it fires).</summary>
    internal bool TryFate(CompiledStep step, out string? reason)
    {
        reason = null;
        if (fates is null || !fates.TryGetValue(step, out var fate))
        {
            return false;
        }

        reason = fate.Reason;
        return true;
    }

    private void Decide(CompiledStep step, bool final, string? reason)
    {
        if (fates is not null && (!fates.TryGetValue(step, out var fate) || !fate.Final))
        {
            fates[step] = (final, reason);
        }
    }
}
