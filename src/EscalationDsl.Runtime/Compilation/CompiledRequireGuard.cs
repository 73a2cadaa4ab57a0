using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>`require FIELDS before escalate [when C]` ready to evaluate.</summary>
internal sealed record CompiledRequireGuard(RequireGuardModel Model, ImmutableArray<FieldAccess> Fields, TicketPredicate? When)
{
    /// <summary>
    /// When its <c>when</c> (with <c>during</c> or <c>older than</c>) may next change by time alone, ending the block;
    /// null when only events change it.
    /// </summary>
    public TicketWake? Wake { get; init; }

    /// <summary>Its <c>when</c> has <c>during</c> or <c>older than</c>: time alone can end it, and with it the block.</summary>
    public bool TimeDependent => Wake is not null;

    /// <summary>
    /// The instant after <paramref name="now"/> at which time alone ends the guard's <c>when</c>, if no event comes
    /// first; null when it does not end (or not within the instants looked at: a wake may come early).
    /// </summary>
    public long? EndsAt(Ticket ticket, long now)
    {
        var at = now;
        for (var i = 0; i < 16 && Wake!(ticket, at) is { } next && next > at; i++)
        {
            if (!When!(ticket, next))
            {
                return next;
            }

            at = next;
        }

        return null;
    }

    /// <summary>The guard as written up to its condition: <c>require request_id, client_version before escalate when</c>.</summary>
    public string Where => $"require {string.Join(", ", Model.Fields.Select(f => f.Name))} before escalate when";

    /// <summary>The whole guard, quoted as the trace names it: <c>`require root_cause before escalate when during business`</c>.</summary>
    public string Quoted => $"`{Where} {ModelFormatter.Format(Model.When!)}`";

    /// <summary>Conditions named as ended, as block reasons and the trace say it: <c>`A` and `B` no longer hold</c>.</summary>
    public static string NoLongerHold(IReadOnlyList<string> conditions) =>
        $"{string.Join(" and ", conditions)} no longer {(conditions.Count == 1 ? "holds" : "hold")}";

    /// <summary>
    /// True when the guard's <c>when</c> does not hold now although one of its fields is missing: it no longer holds
    /// back the escalation (as opposed to the fields having been set).
    /// </summary>
    public bool Lifted(Ticket ticket, long now, CompiledPolicy policy) =>
        When is not null && !When(ticket, now) && Fields.Any(f => string.IsNullOrEmpty(f.Text(ticket, policy)));

    /// <summary>The required fields that are missing now, or none when the guard does not apply.</summary>
    public void CollectMissing(Ticket ticket, long now, CompiledPolicy policy, List<string> missing)
    {
        if (When is not null && !When(ticket, now))
        {
            return;
        }

        foreach (var field in Fields)
        {
            if (string.IsNullOrEmpty(field.Text(ticket, policy)) && !missing.Contains(field.Field.Name))
            {
                missing.Add(field.Field.Name);
            }
        }
    }
}
